package io.flowanalyzer.portal.timeline;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.bindings.BindingEvent;
import io.flowanalyzer.model.bindings.BindingIntervals;
import io.flowanalyzer.portal.attribution.AttributionProperties;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.search.Clauses;
import io.flowanalyzer.portal.search.Documents;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.search.TimeOrdered;
import io.flowanalyzer.portal.users.DataScope;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Everything the records say about one subject (a subscriber named by MSISDN, IMSI, IMEI or
 * subscriber id) in one time order: their sessions, the RADIUS bindings that name them and the NAT
 * translations of the private addresses those bindings gave them (only while they held them), the
 * flags on their sessions and the alerts those raised; with sessions by hour of day and day of week in
 * a chosen time zone and the longest silences. The sessions follow the whole search (text, chips,
 * range); bindings and alerts follow its time range. Counts, activity and gaps cover every session;
 * the lists hold the first {@code maxEvents} of each kind and say when they stop short.
 */
@Service
public class SubjectTimeline {
    private static final String FLAG_NAME = "ipdr.flags.name";
    /** Hours of the day (local) counted as night: from midnight to six in the morning. */
    static final int NIGHT_ENDS = 6;

    private final TimeOrdered ordered;
    private final SessionQueries queries;
    private final DataScope scope;
    private final IdentifierMasking masking;
    private final TimelineProperties properties;
    private final AttributionProperties attribution;

    public SubjectTimeline(
            TimeOrdered ordered,
            SessionQueries queries,
            DataScope scope,
            IdentifierMasking masking,
            TimelineProperties properties,
            AttributionProperties attribution) {
        this.ordered = ordered;
        this.queries = queries;
        this.scope = scope;
        this.masking = masking;
        this.properties = properties;
        this.attribution = attribution;
    }

    public record Subject(String kind, String value, String label, String param) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SessionEvent(
            String time,
            String end,
            String id,
            String destination,
            Integer port,
            String app,
            Long bytesUp,
            Long bytesDown,
            String cell,
            String attribution,
            List<String> flags) {}

    /** A RADIUS binding or a NAT translation / port block, as delivered. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BindingItem(
            String time,
            String kind,
            String action,
            String privateAddress,
            String publicAddress,
            String isp,
            String id,
            String file,
            Long line) {}

    public record FlagEvent(String time, String name, String reason, String session) {}

    public record AlertEvent(String time, String rule, String reason, String status, String session, String id) {}

    /** One kind of record: how many there are, and the first of them in time order. */
    public record Lane<T>(long total, boolean cut, List<T> items) {}

    /** Sessions that started in one hour (local), the first start and the last end among them. */
    public record Hour(String hour, long sessions, String first, String last) {}

    /** A silence: no session between the end of one and the start of the next. */
    public record Gap(String from, String to, double hours) {}

    /**
     * {@code week[d][h]}: sessions started on day {@code d} (0 Monday … 6 Sunday) at hour {@code h}, in
     * {@code zone}; {@code night}: those started before six in the morning.
     */
    public record Timeline(
            Subject subject,
            String zone,
            String first,
            String last,
            Lane<SessionEvent> sessions,
            Lane<BindingItem> bindings,
            Lane<FlagEvent> flags,
            Lane<AlertEvent> alerts,
            List<Hour> activity,
            long[] hours,
            long[] days,
            long[][] week,
            long night,
            List<Gap> gaps,
            List<String> addresses) {}

    /** The subject a {@code kind:value} parameter names; a sentence when it names no subscriber. */
    public static Filter subject(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSearch("Name the subject of the timeline: msisdn:…, imsi:…, imei:… or subscriber:….");
        }
        Filter f = Filter.parse(text);
        if (f.excluded() || !f.kind().namesSubscriber()) {
            throw new InvalidSearch("A timeline follows one subscriber, named by msisdn:…, imsi:…, imei:… or"
                    + " subscriber:…; '" + Filter.shorten(text) + "' is not one.");
        }
        return f;
    }

    /** The time zone the page asks for, or the configured one. */
    public ZoneId zone(String asked) {
        if (asked == null || asked.isBlank()) {
            return properties.zone();
        }
        try {
            return ZoneId.of(asked.strip());
        } catch (DateTimeException e) {
            throw new InvalidSearch("'" + Filter.shorten(asked)
                    + "' is not a time zone; use a name such as Asia/Kolkata or UTC, or an offset such as +05:30.");
        }
    }

    public Timeline of(SessionQuery q, Filter subject, ZoneId zone) {
        masking.current().requireIdentifiers("A timeline follows one subscriber by identifier");
        Query who = queries.clause(subject);
        Query sessionsQuery =
                Query.of(x -> x.bool(b -> b.filter(queries.build(q)).filter(who)));
        TimeOrdered.Page sessions = ordered.search(
                Indices.SESSIONS_ALIAS,
                sessionsQuery,
                properties.maxEvents(),
                List.of(
                        Fields.TIMESTAMP,
                        Fields.EVENT_END,
                        Fields.EVENT_ID,
                        Fields.DESTINATION_IP,
                        Fields.DESTINATION_PORT,
                        "ipdr.b_party.app",
                        Fields.SOURCE_BYTES,
                        Fields.DESTINATION_BYTES,
                        Fields.CELL_ID,
                        "ipdr.attribution.method",
                        FLAG_NAME),
                Map.of("hours", hourly(zone)));
        List<Hour> activity = activity(sessions, zone);
        Pattern pattern = Pattern.of(activity, zone);

        TimeOrdered.Page flagged = ordered.search(
                Indices.SESSIONS_ALIAS,
                Query.of(x -> x.bool(b -> b.filter(sessionsQuery).filter(f -> f.exists(e -> e.field(FLAG_NAME))))),
                properties.maxEvents(),
                List.of(Fields.TIMESTAMP, Fields.EVENT_ID, "ipdr.flags"),
                Map.of());
        TimeOrdered.Page alerts = ordered.search(
                Indices.ALERTS,
                within(Indices.ALERTS, q, who),
                properties.maxEvents(),
                List.of(Fields.TIMESTAMP, Fields.EVENT_ID, "rule.name", "alert.reason", "alert.status", "session.id"),
                Map.of());
        Bindings bindings = bindings(q, who);

        return new Timeline(
                new Subject(subject.kind().key(), subject.value(), subject.label(), subject.param()),
                zone.getId(),
                activity.isEmpty() ? null : activity.get(0).first(),
                activity.stream()
                        .map(h -> Instant.parse(h.last()))
                        .max(Comparator.naturalOrder())
                        .map(Instant::toString)
                        .orElse(null),
                new Lane<>(
                        sessions.total(),
                        sessions.cut(),
                        sessions.hits().stream().map(SubjectTimeline::session).toList()),
                bindings.lane(),
                new Lane<>(flagged.total(), flagged.cut(), flags(flagged.hits())),
                new Lane<>(
                        alerts.total(),
                        alerts.cut(),
                        alerts.hits().stream().map(SubjectTimeline::alert).toList()),
                activity,
                pattern.hours(),
                pattern.days(),
                pattern.week(),
                pattern.night(),
                gaps(activity, properties.minGap(), properties.maxGaps()),
                bindings.addresses());
    }

    private static Aggregation hourly(ZoneId zone) {
        return Aggregation.of(a -> a.dateHistogram(d -> d.field(Fields.TIMESTAMP)
                        .fixedInterval(t -> t.time("1h"))
                        .timeZone(zone.getId())
                        .minDocCount(1))
                .aggregations("first", f -> f.min(m -> m.field(Fields.TIMESTAMP)))
                .aggregations("last_start", f -> f.max(m -> m.field(Fields.TIMESTAMP)))
                .aggregations("last_end", f -> f.max(m -> m.field(Fields.EVENT_END))));
    }

    /** Every hour with sessions, in time order, from the histogram (all sessions, not just the listed ones). */
    static List<Hour> activity(TimeOrdered.Page sessions, ZoneId zone) {
        List<Hour> hours = new ArrayList<>();
        var agg =
                sessions.aggregations() == null ? null : sessions.aggregations().get("hours");
        if (agg == null) {
            return hours;
        }
        for (DateHistogramBucket b : agg.dateHistogram().buckets().array()) {
            double first = b.aggregations().get("first").min().value();
            double lastStart = b.aggregations().get("last_start").max().value();
            double lastEnd = b.aggregations().get("last_end").max().value();
            double last = Double.isFinite(lastEnd) ? Math.max(lastEnd, lastStart) : lastStart;
            hours.add(new Hour(
                    Instant.ofEpochMilli(b.key())
                            .atZone(zone)
                            .toOffsetDateTime()
                            .toString(),
                    b.docCount(),
                    Instant.ofEpochMilli((long) first).toString(),
                    Instant.ofEpochMilli((long) last).toString()));
        }
        return hours;
    }

    /** Sessions by hour of day and day of week, in the zone the activity was counted in. */
    record Pattern(long[] hours, long[] days, long[][] week, long night) {
        static Pattern of(List<Hour> activity, ZoneId zone) {
            long[] hours = new long[24];
            long[] days = new long[7];
            long[][] week = new long[7][24];
            long night = 0;
            for (Hour h : activity) {
                ZonedDateTime at = ZonedDateTime.parse(h.hour()).withZoneSameInstant(zone);
                int d = at.getDayOfWeek().getValue() - 1;
                hours[at.getHour()] += h.sessions();
                days[d] += h.sessions();
                week[d][at.getHour()] += h.sessions();
                if (at.getHour() < NIGHT_ENDS) {
                    night += h.sessions();
                }
            }
            return new Pattern(hours, days, week, night);
        }
    }

    /**
     * The longest silences of at least {@code min}, longest first: between the last end seen so far and
     * the next hour's first start (a long session covers the hours it lasts).
     */
    static List<Gap> gaps(List<Hour> activity, Duration min, int max) {
        List<Gap> gaps = new ArrayList<>();
        Instant covered = null;
        for (Hour h : activity) {
            Instant first = Instant.parse(h.first());
            if (covered != null && Duration.between(covered, first).compareTo(min) >= 0) {
                gaps.add(new Gap(
                        covered.toString(),
                        first.toString(),
                        Math.round(Duration.between(covered, first).toMinutes() / 6.0) / 10.0));
            }
            Instant last = Instant.parse(h.last());
            covered = covered == null || last.isAfter(covered) ? last : covered;
        }
        gaps.sort(Comparator.comparingDouble(Gap::hours).reversed().thenComparing(Gap::from));
        return gaps.size() > max ? List.copyOf(gaps.subList(0, max)) : gaps;
    }

    /** The subject's records in another index: the subject, the search's time range, the user's scope. */
    private Query within(String index, SessionQuery q, Query who) {
        return Query.of(x -> x.bool(b -> {
            b.filter(who);
            Clauses.timeRange(Fields.TIMESTAMP, q.from(), q.to()).ifPresent(b::filter);
            scope.filter(index).ifPresent(b::filter);
            return b;
        }));
    }

    private record Bindings(Lane<BindingItem> lane, List<String> addresses) {}

    /**
     * The RADIUS bindings that name the subject, then the NAT translations and port blocks of the
     * private addresses they gave: only those whose own interval overlaps the time the subject held
     * the address (the address was someone else's before and after).
     */
    private Bindings bindings(SessionQuery q, Query who) {
        Query radiusQuery = Query.of(
                x -> x.bool(b -> b.filter(within(Indices.NAT_ALIAS, q, who)).filter(kinds("radius", "allocation"))));
        TimeOrdered.Page radius =
                ordered.search(Indices.NAT_ALIAS, radiusQuery, properties.maxEvents(), List.of("*"), Map.of());
        Duration open = attribution.openLimit();
        Map<String, List<BindingIntervals.Interval>> held = new LinkedHashMap<>();
        for (BindingIntervals.Interval i : BindingIntervals.of(events(radius.hits()), open)) {
            String address = i.first().privateIp();
            if (address == null || address.indexOf(':') >= 0) {
                continue; // IPv6 is not translated: the binding itself is the evidence
            }
            String key = i.first().isp() + "|" + address;
            if (held.size() < properties.maxAddresses() || held.containsKey(key)) {
                held.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Map<String, Object>> items = new ArrayList<>(radius.hits());
        long total = radius.total();
        boolean cut = radius.cut();
        if (!held.isEmpty()) {
            List<Query> any = new ArrayList<>();
            for (List<BindingIntervals.Interval> intervals : held.values()) {
                BindingEvent e = intervals.get(0).first();
                Instant from = intervals.stream()
                        .map(BindingIntervals.Interval::start)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
                Instant to = intervals.stream()
                        .map(BindingIntervals.Interval::end)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
                any.add(Query.of(x -> x.bool(
                        b -> b.filter(t -> t.term(v -> v.field("source.ip").value(e.privateIp())))
                                .filter(t -> t.term(v -> v.field("ipdr.isp").value(e.isp())))
                                .filter(r -> r.range(rr -> rr.date(d -> d.field(Fields.TIMESTAMP)
                                        .gte(from.minus(open).toString())
                                        .lte(to.plus(open).toString())))))));
            }
            Query natQuery = Query.of(x -> x.bool(b -> {
                b.filter(kinds("translation", "port_block"));
                b.filter(f -> f.bool(s -> s.should(any).minimumShouldMatch("1")));
                scope.filter(Indices.NAT_ALIAS).ifPresent(b::filter);
                return b;
            }));
            TimeOrdered.Page nat =
                    ordered.search(Indices.NAT_ALIAS, natQuery, properties.maxEvents(), List.of("*"), Map.of());
            Set<String> kept = new HashSet<>();
            for (BindingIntervals.Interval t : BindingIntervals.of(events(nat.hits()), open)) {
                BindingEvent e = t.first();
                List<BindingIntervals.Interval> holding = held.get(e.isp() + "|" + e.privateIp());
                Duration skew = attribution.skewFor(e.isp());
                if (holding != null
                        && holding.stream()
                                .anyMatch(h -> !t.start().isAfter(h.end().plus(skew))
                                        && !t.end().isBefore(h.start().minus(skew)))) {
                    kept.addAll(t.evidence());
                }
            }
            List<Map<String, Object>> translations = nat.hits().stream()
                    .filter(h -> kept.contains(Documents.text(h, Fields.EVENT_ID)))
                    .toList();
            items.addAll(translations);
            total += translations.size();
            cut |= nat.cut();
        }
        items.sort(Comparator.comparing((Map<String, Object> h) -> String.valueOf(Documents.text(h, Fields.TIMESTAMP)))
                .thenComparing(h -> String.valueOf(Documents.text(h, Fields.EVENT_ID))));
        List<String> addresses = held.keySet().stream()
                .map(k -> k.substring(k.indexOf('|') + 1))
                .distinct()
                .toList();
        return new Bindings(
                new Lane<>(
                        total, cut, items.stream().map(SubjectTimeline::binding).toList()),
                addresses);
    }

    private static Query kinds(String... kinds) {
        List<FieldValue> values =
                java.util.Arrays.stream(kinds).map(FieldValue::of).toList();
        return Query.of(x -> x.terms(t -> t.field("ipdr.binding.kind").terms(v -> v.value(values))));
    }

    private static List<BindingEvent> events(List<Map<String, Object>> hits) {
        return hits.stream()
                .map(hit -> BindingEvent.of(RecordJson.mapper().convertValue(hit, NatBinding.class)))
                .toList();
    }

    private static SessionEvent session(Map<String, Object> doc) {
        return new SessionEvent(
                Documents.text(doc, Fields.TIMESTAMP),
                Documents.text(doc, Fields.EVENT_END),
                Documents.text(doc, Fields.EVENT_ID),
                Documents.text(doc, Fields.DESTINATION_IP),
                number(Documents.at(doc, Fields.DESTINATION_PORT)) == null
                        ? null
                        : number(Documents.at(doc, Fields.DESTINATION_PORT)).intValue(),
                Documents.text(doc, "ipdr.b_party.app"),
                number(Documents.at(doc, Fields.SOURCE_BYTES)),
                number(Documents.at(doc, Fields.DESTINATION_BYTES)),
                Documents.text(doc, Fields.CELL_ID),
                Documents.text(doc, "ipdr.attribution.method"),
                Documents.names(Documents.at(doc, "ipdr.flags")));
    }

    private static BindingItem binding(Map<String, Object> doc) {
        String kind = Documents.text(doc, "ipdr.binding.kind");
        String publicIp = Documents.text(doc, "source.nat.ip");
        String publicPort = Documents.text(doc, "source.nat.port");
        String portStart = Documents.text(doc, "ipdr.binding.port_start");
        String portEnd = Documents.text(doc, "ipdr.binding.port_end");
        String ports = publicPort != null ? publicPort : portStart != null ? portStart + "–" + portEnd : null;
        String privateIp = Documents.text(doc, "source.ip");
        String privatePort = Documents.text(doc, "source.port");
        return new BindingItem(
                Documents.text(doc, Fields.TIMESTAMP),
                kind,
                Documents.text(doc, "event.action"),
                privateIp == null ? Documents.text(doc, "ipdr.binding.ipv6_prefix") : address(privateIp, privatePort),
                publicIp == null ? null : address(publicIp, ports),
                Documents.text(doc, "ipdr.isp"),
                Documents.text(doc, Fields.EVENT_ID),
                Documents.text(doc, "log.file.path"),
                number(Documents.at(doc, "ipdr.delivery.line")));
    }

    private static String address(String ip, String port) {
        if (port == null) {
            return ip;
        }
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    private static AlertEvent alert(Map<String, Object> doc) {
        return new AlertEvent(
                Documents.text(doc, Fields.TIMESTAMP),
                Documents.text(doc, "rule.name"),
                Documents.text(doc, "alert.reason"),
                Documents.text(doc, "alert.status"),
                Documents.text(doc, "session.id"),
                Documents.text(doc, Fields.EVENT_ID));
    }

    /** One event per flag of each flagged session, with its reason. */
    private static List<FlagEvent> flags(List<Map<String, Object>> hits) {
        List<FlagEvent> events = new ArrayList<>();
        for (Map<String, Object> doc : hits) {
            Object flags = Documents.at(doc, "ipdr.flags");
            List<?> list = flags instanceof List<?> l ? l : flags == null ? List.of() : List.of(flags);
            for (Object f : list) {
                if (f instanceof Map<?, ?> m && m.get("name") != null) {
                    events.add(new FlagEvent(
                            Documents.text(doc, Fields.TIMESTAMP),
                            String.valueOf(m.get("name")),
                            m.get("reason") == null ? null : String.valueOf(m.get("reason")),
                            Documents.text(doc, Fields.EVENT_ID)));
                }
            }
        }
        return events;
    }

    private static Long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
