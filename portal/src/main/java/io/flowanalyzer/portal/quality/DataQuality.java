package io.flowanalyzer.portal.quality;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import io.flowanalyzer.portal.attribution.AttributionProperties;
import io.flowanalyzer.portal.search.Clauses;
import io.flowanalyzer.portal.search.Documents;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.SearchFailures;
import io.flowanalyzer.portal.search.SessionAggregations;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.users.DataScope;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * How far an ISP's data can be trusted, so that an investigator can tell whether the absence of a
 * record means anything: its deliveries over time and the days without one, the days its records do
 * not cover, its reject rate and the kinds of reasons, the fields its sessions lack, how far its
 * clocks stand from the NAT/RADIUS records that attributed them, and how much it delivers twice.
 * The ISP is the search's {@code isp:} chip (every ISP without one); deliveries and rejects follow the
 * time range by when they were received, the records' own aspects by the records' time.
 */
@Service
public class DataQuality {
    /** The aspects a data-quality panel shows. */
    public enum Aspect {
        DELIVERIES("deliveries", "Deliveries over time"),
        COVERAGE("coverage", "Gaps in coverage"),
        REJECTS("rejects", "Reject rate and reasons"),
        MISSING("missing", "Missing fields"),
        SKEW("skew", "Clock skew against NAT/RADIUS"),
        DUPLICATES("duplicates", "Duplicates");

        private final String key;
        private final String label;

        Aspect(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public static java.util.Optional<Aspect> of(String key) {
            for (Aspect a : values()) {
                if (a.key.equalsIgnoreCase(key == null ? "" : key.strip())) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** One line of a report: what, how much, what it means; {@code warn} when it deserves a look. */
    public record Fact(String label, String value, String detail, boolean warn) {}

    /** A day of a daily count. */
    public record Day(String from, long count) {}

    /** A reason kind, its rejects, and those rejects on the rejects page. */
    public record Reason(String value, long count, String url) {}

    /** An aspect's answer: facts, and for some a daily count or the reasons. */
    public record Report(String aspect, List<Fact> facts, List<Day> days, List<Reason> reasons, String note) {}

    /** Sessions whose attribution the skew is sampled from, at most. */
    static final int SKEW_SAMPLE = 500;
    /** Gaps a report lists at most (the longest). */
    static final int MAX_GAPS = 8;
    /** How long after it was read a delivery's records are counted as indexed (the correlator's latency, and more). */
    static final Duration SETTLED = Duration.ofSeconds(30);
    /** Reject rate above which the rate is pointed out. */
    static final double REJECT_WARN = 0.01;

    private final ElasticsearchClient client;
    private final SessionQueries queries;
    private final SessionAggregations aggregations;
    private final DataScope scope;
    private final PortalProperties portal;
    private final AttributionProperties attribution;

    public DataQuality(
            ElasticsearchClient client,
            SessionQueries queries,
            SessionAggregations aggregations,
            DataScope scope,
            PortalProperties portal,
            AttributionProperties attribution) {
        this.client = client;
        this.queries = queries;
        this.aggregations = aggregations;
        this.scope = scope;
        this.portal = portal;
        this.attribution = attribution;
    }

    public Report report(Aspect aspect, SessionQuery q) {
        try {
            return switch (aspect) {
                case DELIVERIES -> deliveries(q);
                case COVERAGE -> coverage(q);
                case REJECTS -> rejects(q);
                case MISSING -> missing(q);
                case SKEW -> skew(q);
                case DUPLICATES -> duplicates(q);
            };
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** The ISPs that have delivered anything this user may see, by name. */
    public List<String> ispsDelivered() {
        try {
            Query query = Query.of(x -> x.bool(b -> {
                if (scope != null) {
                    scope.filter(Indices.CUSTODY).ifPresent(b::filter);
                }
                return b;
            }));
            SearchResponse<Void> r = client.search(
                    s -> s.index(Indices.CUSTODY)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(0)
                            .query(query)
                            .aggregations(
                                    "isps",
                                    a -> a.terms(t -> t.field("isp")
                                            .size(200)
                                            .order(List.of(
                                                    co.elastic.clients.util.NamedValue.of("_key", SortOrder.Asc))))),
                    Void.class);
            return r.aggregations().get("isps").sterms().buckets().array().stream()
                    .map(b -> b.key().stringValue())
                    .toList();
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** The ISPs the search's chips name (none: every ISP). */
    public static List<String> isps(SessionQuery q) {
        return q.filters().stream()
                .filter(f -> f.kind() == FilterKind.ISP && !f.excluded())
                .map(Filter::value)
                .toList();
    }

    /** A custody or rejects query: the chips' ISPs on {@code ispField}, the time range on {@code timeField}, the user's scope. */
    private Query around(SessionQuery q, String index, String ispField, String timeField) {
        List<String> isps = isps(q);
        return Query.of(x -> x.bool(b -> {
            if (!isps.isEmpty()) {
                b.filter(f -> f.terms(t -> t.field(ispField)
                        .terms(v -> v.value(isps.stream().map(FieldValue::of).toList()))));
            }
            Clauses.timeRange(timeField, q.from(), q.to()).ifPresent(b::filter);
            if (scope != null) {
                scope.filter(index).ifPresent(b::filter);
            }
            return b;
        }));
    }

    private Report deliveries(SessionQuery q) throws IOException {
        Query query = around(q, Indices.CUSTODY, "isp", "@timestamp");
        SearchResponse<Void> r = client.search(
                s -> s.index(Indices.CUSTODY)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .trackTotalHits(t -> t.enabled(true))
                        .query(query)
                        .aggregations(
                                "status", a -> a.terms(t -> t.field("status").size(10)))
                        .aggregations("lines", a -> a.sum(m -> m.field("lines_read")))
                        .aggregations("rejected", a -> a.sum(m -> m.field("rejected")))
                        .aggregations(
                                "days",
                                a -> a.dateHistogram(h -> h.field("@timestamp")
                                        .calendarInterval(CalendarInterval.Day)
                                        .minDocCount(0))),
                Void.class);
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        Map<String, Long> status = new HashMap<>();
        for (var b : r.aggregations().get("status").sterms().buckets().array()) {
            status.put(b.key().stringValue(), b.docCount());
        }
        List<Day> days =
                days(r.aggregations().get("days").dateHistogram().buckets().array());
        long lines = (long) r.aggregations().get("lines").sum().value();
        long rejected = (long) r.aggregations().get("rejected").sum().value();
        long silent = days.stream().filter(d -> d.count() == 0).count();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Deliveries",
                number(total),
                String.format(
                        "%s complete, %s quarantined, %s being read",
                        number(status.getOrDefault(Delivery.COMPLETE, 0L)),
                        number(status.getOrDefault(Delivery.QUARANTINED, 0L)),
                        number(status.getOrDefault(Delivery.READING, 0L))),
                status.getOrDefault(Delivery.QUARANTINED, 0L) > 0));
        facts.add(new Fact("Lines read", number(lines), null, false));
        facts.add(new Fact(
                "Lines rejected",
                number(rejected),
                percent(rejected, lines) + " of the lines read",
                lines > 0 && (double) rejected / lines > REJECT_WARN));
        if (!days.isEmpty()) {
            facts.add(new Fact(
                    "Days without a delivery",
                    number(silent),
                    "between the first (" + days.get(0).from().substring(0, 10) + ") and the last ("
                            + days.get(days.size() - 1).from().substring(0, 10) + ")",
                    silent > 0));
        }
        return new Report(Aspect.DELIVERIES.key(), facts, days, null, total == 0 ? "No delivery received." : null);
    }

    private Report coverage(SessionQuery q) {
        Query query = queries.build(q);
        SearchResponse<Void> r = aggregations.run(
                query,
                Map.of(
                        "days",
                        Aggregation.of(a -> a.dateHistogram(h -> h.field(Fields.TIMESTAMP)
                                .calendarInterval(CalendarInterval.Day)
                                .minDocCount(0)))));
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        List<Day> days =
                days(r.aggregations().get("days").dateHistogram().buckets().array());
        List<Fact> facts = new ArrayList<>();
        if (days.isEmpty()) {
            return new Report(Aspect.COVERAGE.key(), facts, days, null, "No session matches.");
        }
        long covered = days.stream().filter(d -> d.count() > 0).count();
        facts.add(new Fact(
                "Records from",
                days.get(0).from().substring(0, 10) + " to "
                        + days.get(days.size() - 1).from().substring(0, 10),
                number(total) + " sessions",
                false));
        facts.add(new Fact(
                "Days with records",
                number(covered) + " of " + number(days.size()),
                percent(covered, days.size()),
                covered < days.size()));
        List<long[]> gaps = new ArrayList<>(); // [first index, length]
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i).count() == 0) {
                int start = i;
                while (i < days.size() && days.get(i).count() == 0) {
                    i++;
                }
                gaps.add(new long[] {start, i - start});
            }
        }
        gaps.sort((a, b) -> Long.compare(b[1], a[1]));
        for (long[] g : gaps.subList(0, Math.min(MAX_GAPS, gaps.size()))) {
            String first = days.get((int) g[0]).from().substring(0, 10);
            String last = days.get((int) (g[0] + g[1] - 1)).from().substring(0, 10);
            facts.add(new Fact(
                    "No record",
                    g[1] == 1 ? first : first + " to " + last,
                    g[1] == 1 ? "1 day" : g[1] + " days",
                    true));
        }
        String note = gaps.size() > MAX_GAPS
                ? "The " + MAX_GAPS + " longest of " + gaps.size() + " gaps (days in UTC)."
                : "Days in UTC.";
        return new Report(Aspect.COVERAGE.key(), facts, days, null, note);
    }

    private Report rejects(SessionQuery q) throws IOException {
        Query query = around(q, Indices.REJECTS, Fields.ISP, "@timestamp");
        SearchResponse<Void> r = client.search(
                s -> s.index(Indices.REJECTS)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .trackTotalHits(t -> t.enabled(true))
                        .query(query)
                        .aggregations(
                                "kinds", a -> a.terms(t -> t.field("error.type").size(10)))
                        .aggregations("untyped", a -> a.missing(m -> m.field("error.type"))),
                Void.class);
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        Query custody = around(q, Indices.CUSTODY, "isp", "@timestamp");
        SearchResponse<Void> c = client.search(
                s -> s.index(Indices.CUSTODY)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .query(custody)
                        .aggregations("lines", a -> a.sum(m -> m.field("lines_read")))
                        .aggregations("rejected", a -> a.sum(m -> m.field("rejected"))),
                Void.class);
        long lines = (long) c.aggregations().get("lines").sum().value();
        long rejected = (long) c.aggregations().get("rejected").sum().value();
        List<Reason> reasons = new ArrayList<>();
        String isp = isps(q).size() == 1 ? " AND isp:\"" + isps(q).get(0) + "\"" : "";
        for (var b : r.aggregations().get("kinds").sterms().buckets().array()) {
            String kind = b.key().stringValue();
            String search = "error.type:\"" + kind.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + isp;
            reasons.add(new Reason(
                    kind,
                    b.docCount(),
                    org.springframework.web.util.UriComponentsBuilder.fromPath("/rejects")
                            .queryParam("q", search)
                            .encode()
                            .build()
                            .toUriString()));
        }
        long untyped = r.aggregations().get("untyped").missing().docCount();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Reject rate",
                percent(rejected, lines),
                number(rejected) + " of " + number(lines) + " lines read",
                lines > 0 && (double) rejected / lines > REJECT_WARN));
        facts.add(new Fact("Rejects kept", number(total), "each with its file, line, reason and raw text", false));
        String note = untyped > 0
                ? number(untyped) + " rejects from before reasons were sorted into kinds are not counted by kind."
                : null;
        return new Report(Aspect.REJECTS.key(), facts, null, reasons, note);
    }

    /** The fields whose absence a report counts, with the field each stands for. */
    static final List<String[]> KEY_FIELDS = List.of(
            new String[] {"MSISDN", Fields.MSISDN},
            new String[] {"IMSI", Fields.IMSI},
            new String[] {"IMEI", Fields.IMEI},
            new String[] {"Cell", Fields.CELL_ID},
            new String[] {"Private address", Fields.SOURCE_IP},
            new String[] {"Public address (NAT)", Fields.SOURCE_NAT_IP},
            new String[] {"Destination", Fields.DESTINATION_IP},
            new String[] {"End time", Fields.EVENT_END},
            new String[] {"Volume down", Fields.DESTINATION_BYTES});

    private Report missing(SessionQuery q) {
        Map<String, Aggregation> aggs = new HashMap<>();
        for (int i = 0; i < KEY_FIELDS.size(); i++) {
            String field = KEY_FIELDS.get(i)[1];
            aggs.put("m" + i, Aggregation.of(a -> a.missing(m -> m.field(field))));
        }
        SearchResponse<Void> r = aggregations.run(queries.build(q), aggs);
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < KEY_FIELDS.size(); i++) {
            long missing = r.aggregations().get("m" + i).missing().docCount();
            facts.add(new Fact(
                    KEY_FIELDS.get(i)[0],
                    percent(missing, total),
                    number(missing) + " of " + number(total) + " sessions without it",
                    missing > 0 && (double) missing / Math.max(1, total) > 0.05));
        }
        return new Report(Aspect.MISSING.key(), facts, null, null, total == 0 ? "No session matches." : null);
    }

    private Report skew(SessionQuery q) throws IOException {
        Query base = queries.build(q);
        Query attributed = Query.of(x -> x.bool(b -> b.filter(base)
                .filter(f -> f.terms(t -> t.field(Fields.ATTRIBUTION_METHOD)
                        .terms(v -> v.value(List.of(FieldValue.of("nat"), FieldValue.of("radius"))))))));
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> sample = client.search(
                s -> s.index(Indices.SESSIONS_ALIAS)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(SKEW_SAMPLE)
                        .trackTotalHits(t -> t.enabled(true))
                        .timeout(portal.searchTimeout().toMillis() + "ms")
                        .query(attributed)
                        .source(src -> src.filter(f -> f.includes(
                                Fields.TIMESTAMP, Fields.EVENT_START, "ipdr.attribution.evidence", Fields.ISP)))
                        .sort(so -> so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Desc)))
                        .aggregations(
                                "methods",
                                a -> a.terms(
                                        t -> t.field(Fields.ATTRIBUTION_METHOD).size(10))),
                Map.class);
        SearchResponse<Void> methods = aggregations.run(
                base,
                Map.of(
                        "methods",
                        Aggregation.of(a ->
                                a.terms(t -> t.field(Fields.ATTRIBUTION_METHOD).size(10)))));
        Map<String, Long> byMethod = new HashMap<>();
        for (var b : methods.aggregations().get("methods").sterms().buckets().array()) {
            byMethod.put(b.key().stringValue(), b.docCount());
        }
        List<String> evidence = new ArrayList<>();
        @SuppressWarnings("rawtypes")
        List<Hit<Map>> hits = sample.hits().hits();
        for (@SuppressWarnings("rawtypes") Hit<Map> h : hits) {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = h.source();
            evidence.addAll(Documents.texts(doc, "ipdr.attribution.evidence"));
        }
        Map<String, Instant[]> records = evidence(evidence.stream().distinct().toList());
        List<Long> outside = new ArrayList<>();
        int measured = 0;
        for (@SuppressWarnings("rawtypes") Hit<Map> h : hits) {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = h.source();
            Instant start = instant(Documents.text(doc, Fields.EVENT_START), Documents.text(doc, Fields.TIMESTAMP));
            Instant first = null;
            Instant last = null;
            boolean open = true;
            for (String id : Documents.texts(doc, "ipdr.attribution.evidence")) {
                Instant[] r = records.get(id);
                if (r == null) {
                    continue;
                }
                first = first == null || r[0].isBefore(first) ? r[0] : first;
                if (r[1] != null) {
                    open = false;
                    last = last == null || r[1].isAfter(last) ? r[1] : last;
                }
            }
            if (start == null || first == null) {
                continue;
            }
            measured++;
            long off = start.isBefore(first)
                    ? Duration.between(start, first).toMillis()
                    : !open && last != null && start.isAfter(last)
                            ? Duration.between(last, start).toMillis()
                            : 0;
            outside.add(off);
        }
        outside.sort(Long::compare);
        long sampled = sample.hits().total() == null
                ? hits.size()
                : sample.hits().total().value();
        List<Fact> facts = new ArrayList<>();
        List<String> isps = isps(q);
        Duration tolerance = attribution.skewFor(isps.size() == 1 ? isps.get(0) : null);
        long inside = outside.stream().filter(o -> o == 0).count();
        facts.add(new Fact(
                "Attributed through NAT/RADIUS",
                number(byMethod.getOrDefault("nat", 0L) + byMethod.getOrDefault("radius", 0L)),
                number(byMethod.getOrDefault("nat", 0L)) + " by NAT, " + number(byMethod.getOrDefault("radius", 0L))
                        + " by RADIUS",
                false));
        if (measured > 0) {
            facts.add(new Fact(
                    "Inside the binding's interval",
                    percent(inside, measured),
                    "of the " + number(measured) + " newest" + (sampled > measured ? " (a sample)" : ""),
                    inside < measured));
            long p95 = outside.get((int) Math.min(outside.size() - 1, Math.round(0.95 * (outside.size() - 1))));
            long max = outside.get(outside.size() - 1);
            facts.add(new Fact(
                    "Clock offset, 95th percentile",
                    seconds(p95),
                    "how far outside the NAT/RADIUS interval the session's time lies",
                    p95 > tolerance.toMillis()));
            facts.add(new Fact(
                    "Clock offset, largest",
                    seconds(max),
                    "the tolerance allowed for this ISP is " + seconds(tolerance.toMillis()),
                    max > tolerance.toMillis()));
        }
        long unresolved = byMethod.getOrDefault("unresolved", 0L);
        long ambiguous = byMethod.getOrDefault("ambiguous", 0L);
        facts.add(new Fact(
                "Not attributed",
                number(unresolved) + " unresolved, " + number(ambiguous) + " ambiguous",
                "an offset beyond the tolerance leaves a session unresolved",
                unresolved + ambiguous > 0));
        return new Report(
                Aspect.SKEW.key(),
                facts,
                null,
                null,
                measured == 0 ? "No session here was attributed through NAT or RADIUS records." : null);
    }

    /** The NAT/RADIUS records by id: [start, end] (end null while open). */
    private Map<String, Instant[]> evidence(List<String> ids) throws IOException {
        Map<String, Instant[]> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> r = client.search(
                    s -> s.index(Indices.NAT_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(part.size())
                            .query(x -> x.ids(i -> i.values(part)))
                            .source(src -> src.filter(f -> f.includes(
                                    Fields.TIMESTAMP, Fields.EVENT_START, Fields.EVENT_END, Fields.EVENT_ID))),
                    Map.class);
            for (@SuppressWarnings("rawtypes") Hit<Map> h : r.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = h.source();
                Instant start = instant(Documents.text(doc, Fields.EVENT_START), Documents.text(doc, Fields.TIMESTAMP));
                Instant end = instant(Documents.text(doc, Fields.EVENT_END), null);
                if (start != null) {
                    found.put(h.id(), new Instant[] {start, end});
                }
            }
        }
        return found;
    }

    /**
     * Records delivered more than once: the records accepted from complete deliveries against the
     * documents they left (a record read again has the id of the first, so it keeps one document). A
     * file delivered again byte for byte is refused at the door by its SHA-256 and is not counted here.
     */
    private Report duplicates(SessionQuery q) throws IOException {
        Query query = around(q, Indices.CUSTODY, "isp", "@timestamp");
        // the records of complete deliveries read a while ago (their records indexed by now)
        Instant settled = Instant.now().minus(SETTLED);
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> complete = client.search(
                s -> s.index(Indices.CUSTODY)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(1000)
                        .query(x -> x.bool(b -> b.filter(query)
                                .filter(f -> f.term(t -> t.field("status").value(Delivery.COMPLETE)))
                                .filter(f -> f.range(
                                        g -> g.date(d -> d.field("finished_at").lte(settled.toString()))))))
                        .source(src -> src.filter(f -> f.includes("id", "accepted")))
                        .sort(so -> so.field(f -> f.field("@timestamp").order(SortOrder.Desc))),
                Map.class);
        List<FieldValue> ids = new ArrayList<>();
        long accepted = 0;
        for (@SuppressWarnings("rawtypes") Hit<Map> h : complete.hits().hits()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = h.source();
            String id = Documents.text(doc, "id");
            Object n = doc.get("accepted");
            if (id != null && n instanceof Number num) {
                ids.add(FieldValue.of(id));
                accepted += num.longValue();
            }
        }
        long indexed = 0;
        if (!ids.isEmpty()) {
            indexed = client.count(c -> c.index(Indices.SESSIONS_ALIAS, Indices.NAT_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .query(x -> x.terms(t -> t.field(Fields.DELIVERY_ID).terms(v -> v.value(ids)))))
                    .count();
        }
        long twice = Math.max(0, accepted - indexed);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Records delivered more than once",
                number(twice) + " of " + number(accepted),
                percent(twice, accepted) + "; a record read again keeps one document (its id comes from its content)",
                twice > 0));
        long total = complete.hits().total() == null
                ? ids.size()
                : complete.hits().total().value();
        facts.add(new Fact(
                "Deliveries counted",
                number(ids.size()),
                "complete, read more than " + SETTLED.toSeconds() + " s ago",
                false));
        String note = total > ids.size()
                ? "Records counted over the latest " + ids.size() + " deliveries."
                : "A file delivered again byte for byte is refused by its SHA-256 and not counted here.";
        return new Report(Aspect.DUPLICATES.key(), facts, null, null, note);
    }

    private static List<Day> days(List<DateHistogramBucket> buckets) {
        List<Day> days = new ArrayList<>();
        for (DateHistogramBucket b : buckets) {
            days.add(new Day(Instant.ofEpochMilli(b.key()).toString(), b.docCount()));
        }
        return days;
    }

    private static Instant instant(String text, String otherwise) {
        String t = text != null ? text : otherwise;
        if (t == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(long part, long whole) {
        if (whole <= 0) {
            return "—";
        }
        double p = 100.0 * part / whole;
        return p == 0 ? "0%" : p < 0.1 ? "< 0.1%" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String seconds(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }
}
