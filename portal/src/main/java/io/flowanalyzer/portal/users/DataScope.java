package io.flowanalyzer.portal.users;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.model.Indices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The data a signed-in user may see: the ISPs their account allows (none listed: every ISP). It is
 * a filter put inside every query — search, facets, histogram, record, export, attribution — so
 * records outside the scope are never read for that user, by any page or API. Accounts are re-read
 * every few seconds, so a changed scope applies at once to signed-in users too.
 */
@Component
public class DataScope {
    private static final Duration FRESH = Duration.ofSeconds(5);
    /** A filter that matches nothing: for a request without a known user. */
    private static final Query NOTHING = Query.of(q -> q.bool(b -> b.mustNot(m -> m.matchAll(a -> a))));

    private final UserAccounts accounts;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(List<String> isps, boolean known, Instant read) {}

    public DataScope(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** The field that names a document's ISP in {@code index}. */
    public static String ispField(String index) {
        return Indices.CUSTODY.equals(index) ? "isp" : "ipdr.isp";
    }

    /** The filter for the current user on {@code index}; empty when they may see every ISP. */
    public Optional<Query> filter(String index) {
        Cached scope = current();
        if (scope == null || !scope.known()) {
            return Optional.of(NOTHING);
        }
        if (scope.isps() == null || scope.isps().isEmpty()) {
            return Optional.empty();
        }
        List<FieldValue> isps = scope.isps().stream().map(FieldValue::of).toList();
        return Optional.of(Query.of(q -> q.terms(t -> t.field(ispField(index)).terms(v -> v.value(isps)))));
    }

    /** Whether the current user may see records of {@code isp}. */
    public boolean allows(String isp) {
        Cached scope = current();
        return scope != null
                && scope.known()
                && (scope.isps() == null
                        || scope.isps().isEmpty()
                        || scope.isps().contains(isp));
    }

    private Cached current() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated()) {
            return null;
        }
        return cache.compute(
                who.getName(), (name, c) -> c != null && c.read().plus(FRESH).isAfter(Instant.now()) ? c : read(name));
    }

    private Cached read(String name) {
        return accounts.find(name)
                .map(a -> new Cached(a.isps(), true, Instant.now()))
                .orElse(new Cached(List.of(), false, Instant.now()));
    }

    /** Forget what was read about {@code name} (its account changed). */
    public void forget(String name) {
        cache.remove(name);
    }
}
