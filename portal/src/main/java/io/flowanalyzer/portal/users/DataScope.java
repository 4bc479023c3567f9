package io.flowanalyzer.portal.users;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.cases.ActiveCase;
import io.flowanalyzer.portal.cases.CaseFile;
import io.flowanalyzer.portal.cases.CaseProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The data a signed-in user may see: the ISPs their account allows (none listed: every ISP), narrowed
 * to what the authority of the request's case covers (its ISPs and records period). It is
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

    private record Cached(List<String> isps, List<String> caseTags, boolean known, Instant read) {}

    private final CaseProperties cases;

    public DataScope(UserAccounts accounts, CaseProperties cases) {
        this.accounts = accounts;
        this.cases = cases;
    }

    /**
     * The fields that hold the SHA-256 of the file a document was read from, in {@code index}: a link
     * between two sessions has one per party, and both must be in scope.
     */
    static List<String> fileFields(String index) {
        if (Indices.CUSTODY.equals(index)) {
            return List.of("sha256");
        }
        if (Indices.LINKS.equals(index)) {
            return List.of("party_a.session.file.hash.sha256", "party_b.session.file.hash.sha256");
        }
        return List.of(io.flowanalyzer.model.Fields.FILE_SHA256);
    }

    /** The fields that name a document's ISP in {@code index} (a link: both parties'; each must be allowed). */
    static List<String> ispFields(String index) {
        if (Indices.CUSTODY.equals(index)) {
            return List.of("isp");
        }
        if (Indices.LINKS.equals(index)) {
            return List.of("party_a.isp", "party_b.isp");
        }
        return List.of("ipdr.isp");
    }

    /**
     * The filter for the current user on {@code index}, within the case of the request when there is
     * one (its ISPs and the period of records its authority covers); empty when nothing is excluded.
     */
    public Optional<Query> filter(String index) {
        Cached scope = current();
        if (scope == null || !scope.known()) {
            return Optional.of(NOTHING);
        }
        Optional<CaseFile> inCase = ActiveCase.current();
        List<String> isps = allowedIsps(scope, inCase);
        if (isps != null && isps.isEmpty()) {
            return Optional.of(NOTHING); // the user's ISPs and the case's have none in common
        }
        List<Query> filters = new ArrayList<>();
        if (isps != null) {
            List<FieldValue> values = isps.stream().map(FieldValue::of).toList();
            for (String field : ispFields(index)) {
                filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values)))));
            }
        }
        inCase.flatMap(c -> period(c, index)).ifPresent(filters::add);
        for (String field : fileFields(index)) {
            tagged(scope.caseTags(), field).ifPresent(filters::add);
        }
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(filters.size() == 1 ? filters.get(0) : Query.of(q -> q.bool(b -> b.filter(filters))));
    }

    /**
     * For a user scoped to case tags: the records of the files tagged with one of those cases. The
     * files are looked up by Elasticsearch from the case documents as the query runs, so a file tagged
     * a moment ago counts at once, and a case that lists none (or no longer exists) opens nothing.
     */
    private static Optional<Query> tagged(List<String> caseTags, String field) {
        if (caseTags == null || caseTags.isEmpty()) {
            return Optional.empty();
        }
        List<Query> any = new ArrayList<>();
        for (String tag : caseTags) {
            any.add(filesIn(tag, field));
        }
        return Optional.of(
                any.size() == 1
                        ? any.get(0)
                        : Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1"))));
    }

    /** The sessions read from the files tagged with case {@code number} (the {@code tagged:} chip). */
    public static Query sessionsOfFilesTagged(String number) {
        return filesIn(number, io.flowanalyzer.model.Fields.FILE_SHA256);
    }

    /** The documents whose {@code field} holds one of the files tagged with case {@code number}. */
    private static Query filesIn(String number, String field) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.lookup(l ->
                        l.index(Indices.OBJECTS).id(CaseFile.documentId(number)).path("files")))));
    }

    /** The ISPs the user may see in the case (null: every ISP). */
    private static List<String> allowedIsps(Cached scope, Optional<CaseFile> inCase) {
        List<String> user = scope.isps() == null || scope.isps().isEmpty() ? null : scope.isps();
        List<String> served =
                inCase.map(CaseFile::isps).filter(l -> !l.isEmpty()).orElse(null);
        if (user == null) {
            return served;
        }
        if (served == null) {
            return user;
        }
        return user.stream().filter(served::contains).toList();
    }

    /** The records period of the case's authority, on the record indices (deliveries carry no record time). */
    private Optional<Query> period(CaseFile file, String index) {
        if ((file.recordsFrom() == null && file.recordsTo() == null)
                || Indices.CUSTODY.equals(index)
                || Indices.REJECTS.equals(index)) {
            return Optional.empty();
        }
        ZoneId zone = cases.zoneId();
        return Optional.of(Query.of(q -> q.range(r -> r.date(d -> {
            d.field("@timestamp");
            if (file.recordsFrom() != null) {
                d.gte(file.recordsFrom().atStartOfDay(zone).toInstant().toString());
            }
            if (file.recordsTo() != null) {
                d.lt(file.recordsTo().plusDays(1).atStartOfDay(zone).toInstant().toString());
            }
            return d;
        }))));
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
                .map(a -> new Cached(a.isps(), a.caseTags(), true, Instant.now()))
                .orElse(new Cached(List.of(), List.of(), false, Instant.now()));
    }

    /** Forget what was read about {@code name} (its account changed). */
    public void forget(String name) {
        cache.remove(name);
    }
}
