package io.flowanalyzer.portal.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import io.flowanalyzer.portal.search.SessionAggregations;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.system.ObjectDocuments;
import io.flowanalyzer.portal.users.UserAccount;
import io.flowanalyzer.portal.users.UserAccounts;
import io.flowanalyzer.portal.views.SavedView;
import io.flowanalyzer.portal.views.SavedViews;
import io.flowanalyzer.portal.views.ViewRefused;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Scheduled alert rules: each run checks the deliveries that finished since the rule's watermark (once
 * all their records are indexed) against the rule's saved search, with the data scope of the rule's
 * owner, and stores one firing in {@code ipdr-alerts} when the condition is met. The firing's id is
 * made of the rule and the window's start, and the watermark moves only after it is stored: a run cut
 * short is finished by the next one (which finds the firing and takes its window), never fired twice,
 * and no delivery is skipped. Every run is recorded ({@code rule-run:<id>:<n>}: window, deliveries,
 * matches, duration, error).
 */
@Service
public class AlertRules {
    static final int MIN_MINUTES = 1;
    static final int MAX_MINUTES = 7 * 24 * 60;
    /** Deliveries one run checks at most (the rest wait for the next run). */
    static final int MAX_DELIVERIES = 500;
    /** How long a delivery whose records are not all indexed yet holds the watermark back at most. */
    static final Duration SETTLE = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ElasticsearchClient client;
    private final SavedViews views;
    private final SessionQueries queries;
    private final SessionAggregations aggregations;
    private final UserAccounts accounts;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public AlertRules(
            ElasticsearchClient client,
            SavedViews views,
            SessionQueries queries,
            SessionAggregations aggregations,
            UserAccounts accounts,
            AuditTrail audit) {
        this.client = client;
        this.views = views;
        this.queries = queries;
        this.aggregations = aggregations;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** What one run did. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Run(
            String type,
            String id,
            long number,
            Instant at,
            Instant from,
            Instant to,
            List<String> deliveries,
            long matches,
            boolean fired,
            String firing,
            long durationMs,
            String error) {

        /** A run that checked {@code deliveries}; {@code firing}: the alert it stored (or finished), null when none. */
        static Run of(
                AlertRule rule,
                Instant at,
                Instant from,
                Instant to,
                List<String> deliveries,
                long matches,
                String firing,
                long durationMs) {
            return new Run(
                    "rule-run",
                    rule.id(),
                    rule.runs() + 1,
                    at,
                    from,
                    to,
                    deliveries,
                    matches,
                    firing != null,
                    firing,
                    durationMs,
                    null);
        }

        /** A run that checked no delivery (none was ready, or it failed with {@code error}). */
        static Run nothing(AlertRule rule, Instant at, Instant from, long durationMs, String error) {
            return new Run(
                    "rule-run",
                    rule.id(),
                    rule.runs() + 1,
                    at,
                    from,
                    from,
                    List.of(),
                    0,
                    false,
                    null,
                    durationMs,
                    error);
        }
    }

    /** A new rule of the signed-in user on one of the saved searches they may open. */
    public AlertRule create(String title, String view, Integer everyMinutes, String condition, Long threshold) {
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) {
            throw new InvalidSearch("A rule needs a title of 1 to 200 characters.");
        }
        SavedView v = views.get(view == null ? "" : view.strip());
        if (v.search() == null || SavedView.DASHBOARD.equals(v.viewType())) {
            throw new InvalidSearch("A rule watches a saved search; '" + v.title() + "' is a dashboard.");
        }
        int every = everyMinutes == null ? 15 : everyMinutes;
        if (every < MIN_MINUTES || every > MAX_MINUTES) {
            throw new InvalidSearch("A rule runs every 1 to " + MAX_MINUTES + " minutes.");
        }
        String c = condition == null || condition.isBlank() ? AlertRule.NEW : condition.strip();
        if (!c.equals(AlertRule.NEW) && !c.equals(AlertRule.COUNT)) {
            throw new InvalidSearch("A rule fires on 'new' matching records or on a 'count' of them, not on '"
                    + io.flowanalyzer.portal.search.Filter.shorten(c) + "'.");
        }
        if (c.equals(AlertRule.COUNT) && (threshold == null || threshold < 1)) {
            throw new InvalidSearch("A count rule needs a threshold of 1 or more.");
        }
        Instant now = clock.instant();
        String base = SavedView.slug(t);
        for (int n = 1; n < 1000; n++) {
            String id = n == 1 ? base : base + "-" + n;
            AlertRule rule = new AlertRule(
                    AlertRule.TYPE,
                    id,
                    t,
                    v.id(),
                    owner,
                    every,
                    c,
                    c.equals(AlertRule.COUNT) ? threshold : null,
                    true,
                    now,
                    now,
                    null,
                    now.plusSeconds(60L * every),
                    0,
                    0);
            if (ObjectDocuments.createIfAbsent(client, AlertRule.documentId(id), rule)) {
                audit.record(
                        "rule_saved",
                        "ok",
                        null,
                        "rule " + id + " on view " + v.id(),
                        Map.of("id", id, "view", v.id()));
                return rule;
            }
        }
        throw new InvalidSearch("Too many rules are called '" + t + "'; choose another title.");
    }

    /** The rules this user may see: their own; an administrator's: all. */
    public List<AlertRule> list() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean admin =
                who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        return rules(null).stream()
                .filter(r -> admin || r.owner().equals(who.getName()))
                .toList();
    }

    public AlertRule get(String id) {
        return list().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ViewRefused(
                        404, "There is no rule '" + io.flowanalyzer.portal.search.Filter.shorten(id) + "' of yours."));
    }

    public void delete(String id) {
        AlertRule rule = get(id);
        try {
            client.delete(d ->
                    d.index(Indices.OBJECTS).id(AlertRule.documentId(rule.id())).refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
        audit.record("rule_deleted", "ok", null, "rule " + id, Map.of("id", id));
    }

    /** The rule's runs, newest first. */
    public List<Run> runs(String id) {
        get(id);
        try {
            @SuppressWarnings("rawtypes")
            var found = client.search(
                    s -> s.index(Indices.OBJECTS)
                            .query(q -> q.bool(b -> b.filter(
                                            f -> f.term(t -> t.field("type").value("rule-run")))
                                    .filter(f -> f.term(t -> t.field("id").value(id)))))
                            .size(200)
                            .sort(so -> so.field(f -> f.field("at").order(SortOrder.Desc))),
                    Map.class);
            List<Run> runs = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> h : found.hits().hits()) {
                runs.add(JSON.convertValue(h.source(), Run.class));
            }
            return runs;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** Runs the rule now (as its owner), as the scheduler does when it is due. */
    public Run runNow(String id) {
        return run(get(id));
    }

    /** The enabled rules whose next run is due. */
    List<AlertRule> due() {
        Instant now = clock.instant();
        return rules(now);
    }

    Run run(AlertRule rule) {
        Authentication before = SecurityContextHolder.getContext().getAuthentication();
        try {
            SecurityContextHolder.getContext().setAuthentication(as(rule.owner()));
            return runAsOwner(rule);
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    private Run runAsOwner(AlertRule rule) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        Instant from = rule.watermark() == null ? rule.createdAt() : rule.watermark();
        String firingId = "rule:" + rule.id() + ":" + from.toEpochMilli();
        try {
            Map<String, Object> earlier = alert(firingId);
            if (earlier != null) {
                // the run that stored this firing stopped before it moved the watermark: finish it
                Instant to = Instant.parse(String.valueOf(path(earlier, "window", "to")));
                save(rule.ran(now, to, true));
                return record(rule, Run.of(rule, now, from, to, List.of(), 0, firingId, ms(started)));
            }
            SavedView view = views.get(rule.view());
            SessionQuery q = view.search().params().query(0);
            List<Map<String, Object>> settled = settled(from, now);
            if (settled.isEmpty()) {
                save(rule.ran(now, from, false));
                return record(rule, Run.nothing(rule, now, from, ms(started), null));
            }
            Instant to =
                    Instant.parse(String.valueOf(settled.get(settled.size() - 1).get("finished_at")));
            List<String> ids =
                    settled.stream().map(d -> String.valueOf(d.get("id"))).toList();
            List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
            Query matching = Query.of(x -> x.bool(b -> b.filter(queries.build(q))
                    .filter(f -> f.terms(t -> t.field("ipdr.delivery.id").terms(v -> v.value(values))))));
            var found = aggregations.run(
                    matching,
                    Map.of(
                            "isps",
                            Aggregation.of(a -> a.terms(t -> t.field("ipdr.isp").size(100)))));
            long matches =
                    found.hits().total() == null ? 0 : found.hits().total().value();
            // the firing names the ISPs of its matches, so that it is seen by whom those records are
            List<String> isps = found.aggregations().get("isps").sterms().buckets().array().stream()
                    .map(b -> b.key().stringValue())
                    .toList();
            boolean fired = rule.met(matches);
            if (fired) {
                fire(rule, view, firingId, from, to, ids, isps, matches, now);
            }
            save(rule.ran(now, to, fired));
            return record(rule, Run.of(rule, now, from, to, ids, matches, fired ? firingId : null, ms(started)));
        } catch (RuntimeException | IOException e) {
            // the watermark stays: the same deliveries are checked again next time
            String why = e instanceof InvalidSearch || e instanceof ViewRefused
                    ? e.getMessage()
                    : "The rule could not run: " + e.getClass().getSimpleName() + ".";
            try {
                save(new AlertRule(
                        AlertRule.TYPE,
                        rule.id(),
                        rule.title(),
                        rule.view(),
                        rule.owner(),
                        rule.everyMinutes(),
                        rule.condition(),
                        rule.threshold(),
                        rule.enabled(),
                        rule.createdAt(),
                        rule.watermark(),
                        now,
                        now.plusSeconds(60L * rule.everyMinutes()),
                        rule.runs() + 1,
                        rule.firings()));
            } catch (RuntimeException ignored) {
                // the next tick tries again
            }
            return record(rule, Run.nothing(rule, now, from, ms(started), why));
        }
    }

    /**
     * The deliveries finished after {@code from}, oldest first, up to the first whose records are not all
     * indexed yet (unless it finished longer than {@link #SETTLE} ago): they are what this run may check.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<Map<String, Object>> settled(Instant from, Instant now) throws IOException {
        var found = client.search(
                s -> s.index(Indices.CUSTODY)
                        .query(q -> q.bool(
                                b -> b.filter(f -> f.term(t -> t.field("status").value("complete")))
                                        .filter(f -> f.range(r -> r.date(d -> d.field("finished_at")
                                                .gt(from.toString())
                                                .lte(now.toString()))))))
                        .size(MAX_DELIVERIES)
                        .sort(so -> so.field(f -> f.field("finished_at").order(SortOrder.Asc)))
                        .sort(so -> so.field(f -> f.field("id").order(SortOrder.Asc))),
                Map.class);
        List<Map<String, Object>> settled = new ArrayList<>();
        for (Hit<Map> h : found.hits().hits()) {
            Map<String, Object> d = h.source();
            String id = String.valueOf(d.get("id"));
            long accepted = d.get("accepted") instanceof Number n ? n.longValue() : 0;
            Instant finished = Instant.parse(String.valueOf(d.get("finished_at")));
            long indexed = count(Indices.SESSIONS_ALIAS, id) + count(Indices.NAT_ALIAS, id);
            if (indexed < accepted && finished.isAfter(now.minus(SETTLE))) {
                break; // its records are still on their way: the watermark waits for them
            }
            settled.add(d);
        }
        return settled;
    }

    private long count(String index, String delivery) throws IOException {
        return client.count(c -> c.index(index)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .query(q -> q.term(t -> t.field("ipdr.delivery.id").value(delivery))))
                .count();
    }

    private void fire(
            AlertRule rule,
            SavedView view,
            String id,
            Instant from,
            Instant to,
            List<String> deliveries,
            List<String> isps,
            long matches,
            Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", now.toString());
        doc.put("event", Map.of("id", id, "kind", "rule", "dataset", "flowanalyzer.rules"));
        doc.put("rule", Map.of("id", rule.id(), "name", rule.title()));
        doc.put(
                "alert",
                Map.of(
                        "reason",
                        String.format(
                                "%,d new %s the saved search '%s' in %d %s received since %s",
                                matches,
                                matches == 1 ? "session matches" : "sessions match",
                                view.title(),
                                deliveries.size(),
                                deliveries.size() == 1 ? "delivery" : "deliveries",
                                from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                        "status",
                        "open",
                        "assignee",
                        rule.owner(),
                        "matches",
                        matches));
        doc.put("window", Map.of("from", from.toString(), "to", to.toString()));
        doc.put("ipdr", Map.of("delivery", Map.of("id", deliveries), "isp", isps));
        doc.put("search", Map.of("view", view.id(), "url", view.search().url()));
        try {
            client.create(c -> c.index(Indices.ALERTS).id(id).document(doc).refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            if (!io.flowanalyzer.portal.system.Conflicts.isConflict(e)) {
                throw SearchFailures.explain(e);
            }
        }
        audit.record(
                "rule_fired",
                "ok",
                null,
                rule.title() + ": " + matches + " matching sessions",
                Map.of("rule", rule.id(), "firing", id, "matches", String.valueOf(matches)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<String, Object> alert(String id) throws IOException {
        GetResponse<Map> found = client.get(g -> g.index(Indices.ALERTS).id(id), Map.class);
        return found.found() ? found.source() : null;
    }

    private void save(AlertRule rule) {
        try {
            client.index(i -> i.index(Indices.OBJECTS)
                    .id(AlertRule.documentId(rule.id()))
                    .document(rule)
                    .refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private Run record(AlertRule rule, Run run) {
        try {
            client.index(i -> i.index(Indices.OBJECTS)
                    .id("rule-run:" + rule.id() + ":" + run.number())
                    .document(JSON.convertValue(run, Map.class))
                    .refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            // the run's result stands; only its record is missing
        }
        return run;
    }

    @SuppressWarnings("rawtypes")
    private List<AlertRule> rules(Instant dueBy) {
        try {
            var found = client.search(
                    s -> s.index(Indices.OBJECTS)
                            .query(q -> q.bool(b -> {
                                b.filter(f -> f.term(t -> t.field("type").value(AlertRule.TYPE)));
                                if (dueBy != null) {
                                    b.filter(f -> f.term(t -> t.field("enabled").value(true)));
                                    b.filter(f -> f.range(
                                            r -> r.date(d -> d.field("next_run").lte(dueBy.toString()))));
                                }
                                return b;
                            }))
                            .size(1_000)
                            .sort(so -> so.field(f -> f.field("title").order(SortOrder.Asc))),
                    Map.class);
            List<AlertRule> rules = new ArrayList<>();
            for (Hit<Map> h : found.hits().hits()) {
                rules.add(JSON.convertValue(h.source(), AlertRule.class));
            }
            return rules;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** The owner as the scheduler acts for them: their name and roles (their scope is read by name). */
    private Authentication as(String owner) {
        List<SimpleGrantedAuthority> roles = accounts.find(owner).map(UserAccount::roles).orElse(List.of()).stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        return new UsernamePasswordAuthenticationToken(owner, null, roles);
    }

    private static Object path(Map<String, Object> doc, String a, String b) {
        return doc.get(a) instanceof Map<?, ?> m ? m.get(b) : null;
    }

    private static long ms(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
