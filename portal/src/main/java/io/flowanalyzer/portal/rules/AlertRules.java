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
    private final io.flowanalyzer.portal.search.IdLists lists;
    private final io.flowanalyzer.portal.cases.CaseStore cases;
    private final io.flowanalyzer.portal.privacy.IdentifierMasking masking;
    private final RuleActions actions;
    private final Clock clock = Clock.systemUTC();

    public AlertRules(
            ElasticsearchClient client,
            SavedViews views,
            SessionQueries queries,
            SessionAggregations aggregations,
            UserAccounts accounts,
            AuditTrail audit,
            io.flowanalyzer.portal.search.IdLists lists,
            io.flowanalyzer.portal.cases.CaseStore cases,
            io.flowanalyzer.portal.privacy.IdentifierMasking masking,
            RuleActions actions) {
        this.actions = actions;
        this.lists = lists;
        this.cases = cases;
        this.masking = masking;
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

    /**
     * What a rule is made of, as the API and the rules page give it: a title, a saved search (none for a
     * watch list), how often, the condition and what it needs ({@code threshold} for a count, {@code field}
     * for a new distinct value, the {@code identifiers} and {@code caseNumber} of a watch list).
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Draft(
            String title,
            String view,
            Integer everyMinutes,
            String cron,
            String condition,
            Long threshold,
            String field,
            String identifiers,
            String caseNumber,
            List<String> emailTo) {}

    public AlertRule create(String title, String view, Integer everyMinutes, String condition, Long threshold) {
        return create(new Draft(title, view, everyMinutes, null, condition, threshold, null, null, null, null));
    }

    /** A new rule of the signed-in user on one of the saved searches they may open (or on a watch list of a case). */
    public AlertRule create(Draft d) {
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        String t = d.title() == null ? "" : d.title().strip();
        if (t.isEmpty() || t.length() > 200) {
            throw new InvalidSearch("A rule needs a title of 1 to 200 characters.");
        }
        int every = d.everyMinutes() == null ? 15 : d.everyMinutes();
        if (every < MIN_MINUTES || every > MAX_MINUTES) {
            throw new InvalidSearch("A rule runs every 1 to " + MAX_MINUTES + " minutes.");
        }
        String cron = cron(d.cron());
        String c = d.condition() == null || d.condition().isBlank()
                ? AlertRule.NEW
                : d.condition().strip();
        if (!List.of(AlertRule.NEW, AlertRule.COUNT, AlertRule.DISTINCT, AlertRule.WATCH)
                .contains(c)) {
            throw new InvalidSearch("A rule fires on 'new' matching records, a 'count' of them, a 'distinct' value"
                    + " never seen before or a 'watch' list; not on '"
                    + io.flowanalyzer.portal.search.Filter.shorten(c) + "'.");
        }
        if (c.equals(AlertRule.COUNT) && (d.threshold() == null || d.threshold() < 1)) {
            throw new InvalidSearch("A count rule needs a threshold of 1 or more.");
        }
        String viewId = null;
        String field = null;
        String list = null;
        String caseNumber = null;
        if (c.equals(AlertRule.WATCH)) {
            caseNumber = d.caseNumber() == null ? "" : d.caseNumber().strip();
            String number = caseNumber;
            var file = number.isEmpty()
                    ? java.util.Optional.<io.flowanalyzer.portal.cases.CaseFile>empty()
                    : cases.find(number);
            if (file.isEmpty()) {
                throw new InvalidSearch("A watch list belongs to a case; there is no case '"
                        + io.flowanalyzer.portal.search.Filter.shorten(number) + "'.");
            }
            boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
            if (!admin && (file.get().members() == null || !file.get().members().contains(owner))) {
                throw new ViewRefused(403, "Only the members of case " + number + " keep watch lists for it.");
            }
            if (file.get().status() == io.flowanalyzer.portal.cases.CaseFile.Status.CLOSED) {
                throw new InvalidSearch("Case " + number + " is closed; a closed case keeps no watch.");
            }
            list = lists.save(io.flowanalyzer.portal.search.IdList.parse(d.identifiers()), owner)
                    .id();
        } else {
            SavedView v = views.get(d.view() == null ? "" : d.view().strip());
            if (v.search() == null || SavedView.DASHBOARD.equals(v.viewType())) {
                throw new InvalidSearch("A rule watches a saved search; '" + v.title() + "' is a dashboard.");
            }
            viewId = v.id();
            if (c.equals(AlertRule.DISTINCT)) {
                field = facet(d.field()).key();
            }
        }
        List<String> emailTo = addresses(d.emailTo());
        Instant now = clock.instant();
        String base = SavedView.slug(t);
        for (int n = 1; n < 1000; n++) {
            String id = n == 1 ? base : base + "-" + n;
            AlertRule rule = new AlertRule(
                    AlertRule.TYPE,
                    id,
                    t,
                    viewId,
                    owner,
                    every,
                    cron,
                    c,
                    c.equals(AlertRule.COUNT) ? d.threshold() : null,
                    field,
                    list,
                    caseNumber,
                    emailTo.isEmpty() ? null : emailTo,
                    true,
                    now,
                    now,
                    null,
                    cron == null ? now.plusSeconds(60L * every) : null,
                    0,
                    0);
            if (cron != null) {
                rule = rule.scheduledFrom(now);
            }
            if (ObjectDocuments.createIfAbsent(client, AlertRule.documentId(id), rule)) {
                String on = viewId != null ? "view " + viewId : "the watch list of case " + caseNumber;
                audit.record(
                        "rule_saved",
                        "ok",
                        null,
                        "rule " + id + " on " + on,
                        Map.of("id", id, "view", viewId == null ? "" : viewId, "condition", c));
                return rule;
            }
        }
        throw new InvalidSearch("Too many rules are called '" + t + "'; choose another title.");
    }

    /** A rule's cron schedule as given (six fields, second to weekday, UTC), checked; null when none. */
    static String cron(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String c = given.strip();
        org.springframework.scheduling.support.CronExpression e;
        try {
            e = org.springframework.scheduling.support.CronExpression.parse(c);
        } catch (IllegalArgumentException bad) {
            throw new InvalidSearch("'" + io.flowanalyzer.portal.search.Filter.shorten(c)
                    + "' is not a cron schedule: six fields, second minute hour day month weekday, in UTC"
                    + " ('0 30 1 * * *' is 01:30 every day).");
        }
        var first = e.next(java.time.ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC));
        var second = first == null ? null : e.next(first);
        if (first == null) {
            throw new InvalidSearch("The cron schedule '" + c + "' never runs.");
        }
        if (second != null && java.time.Duration.between(first, second).toSeconds() < 60) {
            throw new InvalidSearch("A rule runs at most once a minute; '" + c + "' runs more often.");
        }
        return c;
    }

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[^@\\s,;<>]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");

    /** The e-mail addresses a rule notifies (each checked; at most 20), from a list or one text of several. */
    static List<String> addresses(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String entry : given == null ? List.<String>of() : given) {
            for (String a : entry == null ? new String[0] : entry.split("[\\s,;]+")) {
                if (a.isBlank()) {
                    continue;
                }
                if (!ADDRESS.matcher(a).matches()) {
                    throw new InvalidSearch(
                            "'" + io.flowanalyzer.portal.search.Filter.shorten(a) + "' is not an e-mail address.");
                }
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        if (out.size() > 20) {
            throw new InvalidSearch("A rule e-mails at most 20 addresses.");
        }
        return out;
    }

    /** The facet a distinct-value rule watches ({@code b_party}, {@code app}, {@code country}…). */
    static io.flowanalyzer.portal.search.Facet facet(String key) {
        String k = key == null || key.isBlank() ? "b_party" : key.strip();
        return io.flowanalyzer.portal.search.Facet.of(k)
                .orElseThrow(() -> new InvalidSearch("A distinct-value rule watches one of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(io.flowanalyzer.portal.search.Facet.values())
                                        .map(io.flowanalyzer.portal.search.Facet::key)
                                        .toList())
                        + "; not '" + io.flowanalyzer.portal.search.Filter.shorten(k) + "'."));
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

    /** One lock per rule: the scheduler and "run now" never run one rule at the same time in this portal. */
    private final Map<String, Object> running = new java.util.concurrent.ConcurrentHashMap<>();

    Run run(AlertRule given) {
        synchronized (running.computeIfAbsent(given.id(), k -> new Object())) {
            // read again under the lock: a run that just ended has moved the watermark
            AlertRule rule = stored(given.id()).orElse(given);
            Authentication before = SecurityContextHolder.getContext().getAuthentication();
            try {
                SecurityContextHolder.getContext().setAuthentication(as(rule.owner()));
                return runAsOwner(rule);
            } finally {
                SecurityContextHolder.getContext().setAuthentication(before);
            }
        }
    }

    private java.util.Optional<AlertRule> stored(String id) {
        try {
            @SuppressWarnings("rawtypes")
            GetResponse<Map> found = client.get(g -> g.index(Indices.OBJECTS).id(AlertRule.documentId(id)), Map.class);
            return found.found() && found.source() != null
                    ? java.util.Optional.of(JSON.convertValue(found.source(), AlertRule.class))
                    : java.util.Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            return java.util.Optional.empty();
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
                save(rule.ran(now, to, 1));
                // it fired then, not now: the run says which firing it finished
                Run finished = Run.of(rule, now, from, to, List.of(), 0, firingId, ms(started));
                return record(
                        rule,
                        new Run(
                                finished.type(),
                                finished.id(),
                                finished.number(),
                                now,
                                from,
                                to,
                                List.of(),
                                0,
                                false,
                                firingId,
                                finished.durationMs(),
                                null));
            }
            SavedView view = rule.view() == null ? null : views.get(rule.view());
            List<Map<String, Object>> settled = settled(from, now);
            if (settled.isEmpty()) {
                save(rule.ran(now, from, 0));
                return record(rule, Run.nothing(rule, now, from, ms(started), null));
            }
            Instant to =
                    Instant.parse(String.valueOf(settled.get(settled.size() - 1).get("finished_at")));
            List<String> ids =
                    settled.stream().map(d -> String.valueOf(d.get("id"))).toList();
            List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
            if (AlertRule.WATCH.equals(rule.condition())) {
                return watch(rule, settled, values, from, to, now, started);
            }
            SessionQuery q = view.search().params().query(0);
            Query search = queries.build(q);
            Query matching = Query.of(x -> x.bool(b -> b.filter(search)
                    .filter(f -> f.terms(t -> t.field("ipdr.delivery.id").terms(v -> v.value(values))))));
            boolean distinct = AlertRule.DISTINCT.equals(rule.condition());
            io.flowanalyzer.portal.search.Facet facet = distinct ? facet(rule.field()) : null;
            Map<String, Aggregation> aggs = new LinkedHashMap<>();
            aggs.put(
                    "isps", Aggregation.of(a -> a.terms(t -> t.field("ipdr.isp").size(100))));
            if (distinct) {
                aggs.put(
                        "values",
                        Aggregation.of(a -> a.terms(t -> t.field(facet.field()).size(MAX_VALUES))));
            }
            var found = aggregations.run(matching, aggs);
            long matches =
                    found.hits().total() == null ? 0 : found.hits().total().value();
            // the firing names the ISPs of its matches, so that it is seen by whom those records are
            List<String> isps = found.aggregations().get("isps").sterms().buckets().array().stream()
                    .map(b -> b.key().stringValue())
                    .toList();
            String reason;
            boolean fired;
            List<String> fresh = List.of();
            if (distinct) {
                Map<String, Long> inWindow = new LinkedHashMap<>();
                for (var b :
                        found.aggregations().get("values").sterms().buckets().array()) {
                    inWindow.put(b.key().stringValue(), b.docCount());
                }
                fresh = neverBefore(search, facet, inWindow.keySet(), values);
                matches = fresh.stream().mapToLong(inWindow::get).sum();
                fired = !fresh.isEmpty();
                reason = String.format(
                        "%d new %s of %s for the saved search '%s' in %d %s received since %s: %s",
                        fresh.size(),
                        fresh.size() == 1 ? "value" : "values",
                        noun(facet),
                        view.title(),
                        ids.size(),
                        ids.size() == 1 ? "delivery" : "deliveries",
                        from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        String.join(", ", fresh.subList(0, Math.min(10, fresh.size())))
                                + (fresh.size() > 10 ? " …" : ""));
            } else {
                fired = rule.met(matches);
                reason = String.format(
                        "%,d new %s the saved search '%s' in %d %s received since %s",
                        matches,
                        matches == 1 ? "session matches" : "sessions match",
                        view.title(),
                        ids.size(),
                        ids.size() == 1 ? "delivery" : "deliveries",
                        from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            if (fired) {
                Map<String, Object> more = new LinkedHashMap<>();
                if (distinct) {
                    more.put("values", fresh);
                    more.put("field", facet.key());
                }
                fire(
                        rule,
                        firingId,
                        from,
                        to,
                        ids,
                        isps,
                        matches,
                        now,
                        reason,
                        more,
                        Map.of("view", view.id(), "url", view.search().url()));
            }
            save(rule.ran(now, to, fired ? 1 : 0));
            return record(rule, Run.of(rule, now, from, to, ids, matches, fired ? firingId : null, ms(started)));
        } catch (RuntimeException | IOException e) {
            // the watermark stays: the same deliveries are checked again next time
            String why = e instanceof InvalidSearch || e instanceof ViewRefused
                    ? e.getMessage()
                    : "The rule could not run: " + e.getClass().getSimpleName() + ".";
            try {
                save(rule.failed(now));
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

    /**
     * Stores a firing once (its id decides: a second store of the same id is a no-op); answers whether this
     * call stored it. {@code more}: what the alert says besides its reason; {@code search}: where its
     * records are.
     */
    private boolean fire(
            AlertRule rule,
            String id,
            Instant from,
            Instant to,
            List<String> deliveries,
            List<String> isps,
            long matches,
            Instant now,
            String reason,
            Map<String, Object> more,
            Map<String, Object> search) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", now.toString());
        doc.put("event", Map.of("id", id, "kind", "rule", "dataset", "flowanalyzer.rules"));
        doc.put("rule", Map.of("id", rule.id(), "name", rule.title()));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("reason", reason);
        alert.put("status", "open");
        alert.put("assignee", rule.owner());
        alert.put("matches", matches);
        alert.putAll(more);
        doc.put("alert", alert);
        doc.put("window", Map.of("from", from.toString(), "to", to.toString()));
        doc.put("ipdr", Map.of("delivery", Map.of("id", deliveries), "isp", isps));
        if (rule.caseNumber() != null) {
            doc.put("case", Map.of("number", rule.caseNumber()));
        }
        doc.put("search", search);
        try {
            client.create(c -> c.index(Indices.ALERTS).id(id).document(doc).refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            if (io.flowanalyzer.portal.system.Conflicts.isConflict(e)) {
                return false;
            }
            throw SearchFailures.explain(e);
        }
        audit.record(
                "rule_fired",
                "ok",
                null,
                rule.title() + ": " + matches + " matching sessions",
                Map.of("rule", rule.id(), "firing", id, "matches", String.valueOf(matches)));
        List<Map<String, Object>> done = actions.run(rule, id, doc);
        if (!done.isEmpty()) {
            try {
                client.update(
                        u -> u.index(Indices.ALERTS)
                                .id(id)
                                .doc(Map.of("alert", Map.of("actions", done)))
                                .refresh(Refresh.True),
                        Map.class);
            } catch (ElasticsearchException | IOException e) {
                // the firing stands; only the record of its actions is missing
            }
        }
        return true;
    }

    /** Values of a distinct-value rule's field a window holds at most. */
    static final int MAX_VALUES = 1000;

    /**
     * Of {@code values} (seen in the window's deliveries), those the search never had in any other
     * delivery: the B-parties a watched subscriber reaches for the first time.
     */
    private List<String> neverBefore(
            Query search,
            io.flowanalyzer.portal.search.Facet facet,
            java.util.Set<String> values,
            List<FieldValue> window) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<FieldValue> asked = values.stream().map(FieldValue::of).toList();
        Query before = Query.of(x -> x.bool(b -> b.filter(search)
                .filter(f -> f.terms(t -> t.field(facet.field()).terms(v -> v.value(asked))))
                .mustNot(m -> m.terms(t -> t.field("ipdr.delivery.id").terms(v -> v.value(window))))));
        var seen = aggregations.run(
                before,
                Map.of(
                        "seen",
                        Aggregation.of(a -> a.terms(t -> t.field(facet.field()).size(values.size())))));
        java.util.Set<String> known = new java.util.HashSet<>();
        for (var b : seen.aggregations().get("seen").sterms().buckets().array()) {
            known.add(b.key().stringValue());
        }
        return values.stream().filter(v -> !known.contains(v)).toList();
    }

    /** "B-party", "app": what one value of a facet is called in a sentence. */
    static String noun(io.flowanalyzer.portal.search.Facet facet) {
        return switch (facet) {
            case A_PARTY -> "A-party";
            case B_PARTY -> "B-party";
            case APP -> "app";
            case ISP -> "ISP";
            case FLAG -> "flag";
            case COUNTRY -> "B-party country";
        };
    }

    /**
     * A watch list's run: each delivery of the window whose sessions name any identifier of the list is
     * one firing for the rule's case ({@code watch:<case>:<delivery>}), however old its records are; a
     * delivery already fired for this case (by this rule or another of the case) is not fired again.
     */
    private Run watch(
            AlertRule rule,
            List<Map<String, Object>> settled,
            List<FieldValue> deliveries,
            Instant from,
            Instant to,
            Instant now,
            long started) {
        SessionQuery listed = new io.flowanalyzer.portal.search.SessionParams(
                        null, null, null, List.of("list:" + rule.list()), null, 0, 0, null)
                .query(0);
        // within the case: its ISPs and the period of records its authority covers, when it names them
        var file = cases.find(rule.caseNumber());
        Query base = Query.of(x -> x.bool(b -> {
            b.filter(queries.build(listed));
            file.ifPresent(f -> {
                if (f.isps() != null && !f.isps().isEmpty()) {
                    b.filter(i -> i.terms(t -> t.field("ipdr.isp")
                            .terms(v -> v.value(
                                    f.isps().stream().map(FieldValue::of).toList()))));
                }
                if (f.recordsFrom() != null || f.recordsTo() != null) {
                    b.filter(r -> r.range(g -> g.date(d -> {
                        d.field("@timestamp");
                        if (f.recordsFrom() != null) {
                            d.gte(f.recordsFrom().toString());
                        }
                        if (f.recordsTo() != null) {
                            d.lt(f.recordsTo().plusDays(1).toString());
                        }
                        return d;
                    })));
                }
            });
            return b;
        }));
        Query matching = Query.of(x -> x.bool(b -> b.filter(base)
                .filter(f -> f.terms(t -> t.field("ipdr.delivery.id").terms(v -> v.value(deliveries))))));
        var found = aggregations.run(matching, Map.of("deliveries", Aggregation.of(a -> a.terms(
                        t -> t.field("ipdr.delivery.id").size(deliveries.size()))
                .aggregations("isps", i -> i.terms(t -> t.field("ipdr.isp").size(20))))));
        long matches = found.hits().total() == null ? 0 : found.hits().total().value();
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> d : settled) {
            byId.put(String.valueOf(d.get("id")), d);
        }
        int fired = 0;
        String first = null;
        for (var b : found.aggregations().get("deliveries").sterms().buckets().array()) {
            String delivery = b.key().stringValue();
            Map<String, Object> d = byId.getOrDefault(delivery, Map.of());
            List<String> isps = b.aggregations().get("isps").sterms().buckets().array().stream()
                    .map(i -> i.key().stringValue())
                    .toList();
            String id = "watch:" + rule.caseNumber() + ":" + delivery;
            String reason = String.format(
                    "%,d %s in the delivery '%s' from %s %s identifiers on the watch list of case %s ('%s')",
                    b.docCount(),
                    b.docCount() == 1 ? "session" : "sessions",
                    d.getOrDefault("file_name", delivery),
                    d.getOrDefault("isp", String.join(", ", isps)),
                    b.docCount() == 1 ? "names" : "name",
                    rule.caseNumber(),
                    rule.title());
            String url = listed.url("/search", u -> u.queryParam("q", "ipdr.delivery.id:\"" + delivery + "\""));
            if (fire(
                    rule,
                    id,
                    from,
                    to,
                    List.of(delivery),
                    isps,
                    b.docCount(),
                    now,
                    reason,
                    Map.of(),
                    Map.of("list", rule.list(), "url", url))) {
                fired++;
                first = first == null ? id : first;
            }
        }
        save(rule.ran(now, to, fired));
        List<String> ids = deliveries.stream().map(FieldValue::stringValue).toList();
        return record(rule, Run.of(rule, now, from, to, ids, matches, first, ms(started)));
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
