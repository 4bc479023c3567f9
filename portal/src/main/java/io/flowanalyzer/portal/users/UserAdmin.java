package io.flowanalyzer.portal.users;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What an administrator does with accounts: list them, create one (name, password, roles, the ISPs
 * whose records it may see), change roles, scope or password, and lift a lock. Every change is an
 * entry in the audit trail naming the account and what changed (never the password).
 */
@Service
public class UserAdmin {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern ISP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ElasticsearchClient client;
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final PasswordPolicy passwords;
    private final AuditTrail audit;
    private final DataScope scope;
    private final io.flowanalyzer.portal.cases.CaseStore cases;

    public UserAdmin(
            ElasticsearchClient client,
            UserAccounts accounts,
            PasswordEncoder encoder,
            PasswordPolicy passwords,
            AuditTrail audit,
            DataScope scope,
            io.flowanalyzer.portal.cases.CaseStore cases) {
        this.client = client;
        this.accounts = accounts;
        this.encoder = encoder;
        this.passwords = passwords;
        this.audit = audit;
        this.scope = scope;
        this.cases = cases;
    }

    /** An account as the admin page and API show it (no password hash). */
    public record View(
            String name,
            List<String> roles,
            List<String> isps,
            @com.fasterxml.jackson.annotation.JsonProperty("case_tags") List<String> caseTags,
            Integer failedLogins,
            Instant lockedUntil,
            boolean locked) {
        static View of(UserAccount a) {
            return new View(
                    a.name(),
                    a.roles(),
                    a.isps() == null ? List.of() : a.isps(),
                    a.caseTags(),
                    a.failedLogins(),
                    a.lockedUntil(),
                    a.lockedAt(Instant.now()));
        }
    }

    @SuppressWarnings("rawtypes")
    public List<View> list() {
        try {
            SearchResponse<UserAccount> found = client.search(
                    s -> s.index(Indices.OBJECTS)
                            .query(q -> q.term(t -> t.field("type").value(UserAccount.TYPE)))
                            .size(1_000)
                            .sort(so -> so.field(f -> f.field("name").order(SortOrder.Asc))),
                    UserAccount.class);
            List<View> views = new ArrayList<>();
            for (Hit<UserAccount> hit : found.hits().hits()) {
                views.add(View.of(hit.source()));
            }
            return views;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    public View create(String name, String password, List<String> roles, List<String> isps, List<String> caseTags) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new InvalidSearch(
                    "A user name is 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        List<String> r = roles(roles);
        List<String> i = isps(isps);
        List<String> t = caseTags(caseTags);
        passwords.check(n, password);
        Instant now = Instant.now();
        boolean created = accounts.createIfAbsent(
                new UserAccount(UserAccount.TYPE, n, r, encoder.encode(password), now, now, 0, null, i, null, t));
        if (!created) {
            throw new InvalidSearch("There is already a user called " + n + ".");
        }
        audit.record(
                "admin_change",
                "ok",
                "user:" + n,
                "created user " + n + " with roles " + r + ", ISPs " + scopeWords(i) + " and " + tagWords(t),
                scopeDetail(n, r, i, t));
        return View.of(accounts.find(n).orElseThrow());
    }

    /**
     * New roles and scope for {@code name} (case tags left out, null, keep theirs); an administrator
     * cannot take the ADMIN role from themself.
     */
    public View update(String actor, String name, List<String> roles, List<String> isps, List<String> caseTags) {
        UserAccount account = existing(name);
        List<String> r = roles(roles);
        List<String> i = isps(isps);
        List<String> t = caseTags == null ? account.caseTags() : caseTags(caseTags);
        if (account.name().equals(actor)
                && account.roles().contains(Role.ADMIN.name())
                && !r.contains(Role.ADMIN.name())) {
            throw new InvalidSearch("You cannot take the ADMIN role from your own account; ask another administrator.");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("roles", r);
        fields.put("isps", i);
        fields.put("case_tags", t);
        fields.put("updated_at", Instant.now().toString());
        write(account.name(), fields);
        scope.forget(account.name());
        audit.record(
                "admin_change",
                "ok",
                "user:" + account.name(),
                "changed " + account.name() + ": roles " + account.roles() + " → " + r + ", ISPs "
                        + scopeWords(account.isps()) + " → " + scopeWords(i) + ", " + tagWords(account.caseTags())
                        + " → " + tagWords(t),
                scopeDetail(account.name(), r, i, t));
        return View.of(existing(name));
    }

    public void setPassword(String name, String password) {
        UserAccount account = existing(name);
        passwords.check(account.name(), password);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("password_hash", encoder.encode(password));
        fields.put("updated_at", Instant.now().toString());
        write(account.name(), fields);
        audit.record(
                "admin_change",
                "ok",
                "user:" + account.name(),
                "set a new password for " + account.name(),
                Map.of("user", account.name()));
    }

    public void unlock(String name) {
        UserAccount account = existing(name);
        accounts.recordFailures(account.name(), 0, null);
        audit.record(
                "admin_change",
                "ok",
                "user:" + account.name(),
                "unlocked " + account.name(),
                Map.of("user", account.name()));
    }

    private UserAccount existing(String name) {
        return accounts.find(name == null ? "" : name.strip())
                .orElseThrow(() -> new InvalidSearch("There is no user called " + name + "."));
    }

    private void write(String name, Map<String, Object> fields) {
        try {
            accounts.update(name, fields);
        } catch (ElasticsearchException | java.io.UncheckedIOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private static List<String> roles(List<String> roles) {
        LinkedHashSet<String> r = new LinkedHashSet<>();
        for (String role : roles == null ? List.<String>of() : roles) {
            for (String one : role.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                String upper = one.strip().toUpperCase(java.util.Locale.ROOT);
                if (Arrays.stream(Role.values()).noneMatch(x -> x.name().equals(upper))) {
                    throw new InvalidSearch("There is no role called " + one.strip()
                            + "; the roles are ADMIN, SUPERVISOR, INVESTIGATOR and AUDITOR.");
                }
                r.add(upper);
            }
        }
        if (r.isEmpty()) {
            throw new InvalidSearch("Give the user at least one role.");
        }
        return List.copyOf(r);
    }

    /** Case numbers from a form or JSON (split by commas or spaces), each an existing case. */
    private List<String> caseTags(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String entry : tags == null ? List.<String>of() : tags) {
            for (String one : entry.split("[,\\s]+")) {
                if (one.isBlank()) {
                    continue;
                }
                if (cases.find(one.strip()).isEmpty()) {
                    throw new InvalidSearch(
                            "There is no case numbered " + one.strip() + " to tag the user's scope with.");
                }
                out.add(one.strip());
            }
        }
        return List.copyOf(out);
    }

    /** What an audit entry of an account change records: the user, their roles, ISPs and case tags. */
    private static Map<String, String> scopeDetail(
            String user, List<String> roles, List<String> isps, List<String> caseTags) {
        return Map.of(
                "user",
                user,
                "roles",
                String.join(",", roles),
                "isps",
                String.join(",", isps),
                "case_tags",
                String.join(",", caseTags));
    }

    private static String tagWords(List<String> tags) {
        return tags == null || tags.isEmpty()
                ? "records of every file"
                : "only records of the files of case" + (tags.size() == 1 ? " " : "s ") + String.join(", ", tags);
    }

    /** ISP names from a form or JSON (several per entry, split by commas or spaces), checked. */
    public static List<String> isps(List<String> isps) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String isp : isps == null ? List.<String>of() : isps) {
            for (String one : isp.split("[,\\s]+")) {
                if (one.isBlank()) {
                    continue;
                }
                if (!ISP.matcher(one).matches()) {
                    throw new InvalidSearch("'" + one + "' is not an ISP name (letters, digits, '.', '_' and '-').");
                }
                out.add(one);
            }
        }
        return List.copyOf(out);
    }

    private static String scopeWords(List<String> isps) {
        return isps == null || isps.isEmpty() ? "(all)" : String.join(", ", isps);
    }
}
