package io.flowanalyzer.portal.graph;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.privacy.Masker;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The A-party → B-party graph of a search, computed by Elasticsearch aggregations, never by reading
 * records: a composite aggregation over (MSISDN, B-party) pairs gives every link with its sessions,
 * volume, first and last time and flagged sessions. A search with more links than can be drawn is
 * shown as an overview (its busiest A-parties and their busiest B-parties), and says so.
 */
@Service
public class PartyGraph {
    static final String A_FIELD = Fields.MSISDN;
    private static final int PAGE = 1000;

    private final io.flowanalyzer.portal.search.SessionAggregations aggregations;
    private final SessionQueries queries;
    private final GraphProperties properties;
    private final IdentifierMasking masking;
    private final io.flowanalyzer.portal.search.DocumentSearch documents;

    public PartyGraph(
            io.flowanalyzer.portal.search.SessionAggregations aggregations,
            SessionQueries queries,
            GraphProperties properties,
            IdentifierMasking masking,
            io.flowanalyzer.portal.search.DocumentSearch documents) {
        this.documents = documents;
        this.aggregations = aggregations;
        this.queries = queries;
        this.properties = properties;
        this.masking = masking;
    }

    /** A link between an A-party and a B-party: sessions, bytes both ways, first and last start, flagged sessions. */
    public record Link(String a, String b, long sessions, long bytes, long flagged, String first, String last) {}

    /**
     * A party: {@code a:…} subscribers, {@code b:…} B-parties. {@code filter} is the chip that shows its
     * records ({@code msisdn:…}, {@code destination:…}), null when the user may not see the identifier.
     */
    public record Node(
            String id, String kind, String label, long sessions, long bytes, long flagged, int degree, String filter) {}

    /**
     * The graph. {@code complete}: every link of the search is drawn; otherwise {@code links} are the
     * busiest and {@code note} says how to see the rest. {@code unattributed}: sessions without an A-party.
     */
    public record Graph(
            long sessions,
            long unattributed,
            String group,
            boolean complete,
            List<Node> nodes,
            List<Link> links,
            List<Contact> contacts,
            String note,
            boolean masked) {}

    /**
     * A probable contact between two subscribers of the graph (the correlator's co-session link, {@code
     * ipdr-links}): both reached one relay together. {@code id} is the link's document id.
     */
    public record Contact(String id, String a, String b, double score, String app, String reason, String time) {}

    public Graph build(SessionQuery q, Grouping group) {
        Query query = queries.build(q);
        Masker masker = masker();
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("pairs", Aggregation.of(a -> a.composite(c -> c.size(properties.maxLinks() + 1)
                        .sources(List.of(source("a", A_FIELD), source("b", group.field()))))
                .aggregations(linkMeasures())));
        aggs.put("unattributed", Aggregation.of(a -> a.missing(m -> m.field(A_FIELD))));
        aggs.put("no_contact", Aggregation.of(a -> a.missing(m -> m.field(group.field()))));
        SearchResponse<Void> response = aggregations.run(query, aggs);
        long sessions = total(response);
        long unattributed =
                response.aggregations().get("unattributed").missing().docCount();
        long noContact = response.aggregations().get("no_contact").missing().docCount();
        List<CompositeBucket> pairs =
                response.aggregations().get("pairs").composite().buckets().array();
        List<Link> links = new ArrayList<>();
        boolean complete = pairs.size() <= properties.maxLinks();
        String note = null;
        if (complete) {
            for (CompositeBucket p : pairs) {
                links.add(link(key(p.key().get("a")), key(p.key().get("b")), p.aggregations(), p.docCount()));
            }
        } else {
            links = overview(query, group);
            note = "This search links more than " + String.format("%,d", properties.maxLinks())
                    + " pairs of parties, too many to draw readably. Shown: the " + properties.overviewParties()
                    + " busiest A-parties and the " + properties.overviewContacts()
                    + " busiest B-parties of each. Narrow the search (a shorter time range, an app, a list of"
                    + " subscribers) to see every link.";
        }
        if (unattributed > 0) {
            String missing = String.format("%,d", unattributed)
                    + (unattributed == 1 ? " session has" : " sessions have")
                    + " no A-party (not attributed to a subscriber) and " + (unattributed == 1 ? "is" : "are")
                    + " not drawn.";
            note = note == null ? missing : note + " " + missing;
        }
        if (noContact > 0) {
            String missing = String.format("%,d", noContact)
                    + (noContact == 1 ? " session has" : " sessions have") + " no "
                    + group.label().toLowerCase(java.util.Locale.ROOT) + " and "
                    + (noContact == 1 ? "is" : "are") + " not drawn.";
            note = note == null ? missing : note + " " + missing;
        }
        return assemble(sessions, unattributed, group, complete, links, note, masker, q);
    }

    /** The busiest A-parties and, for each, its busiest B-parties. */
    private List<Link> overview(Query query, Grouping group) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("a", Aggregation.of(a -> a.terms(t -> t.field(A_FIELD).size(properties.overviewParties()))
                .aggregations("b", Aggregation.of(b -> b.terms(
                                t -> t.field(group.field()).size(properties.overviewContacts()))
                        .aggregations(linkMeasures())))));
        SearchResponse<Void> response = aggregations.run(query, aggs);
        List<Link> links = new ArrayList<>();
        for (StringTermsBucket a :
                response.aggregations().get("a").sterms().buckets().array()) {
            for (Bucket b : buckets(a.aggregations().get("b"))) {
                links.add(link(a.key().stringValue(), b.key(), b.aggregations(), b.count()));
            }
        }
        return links;
    }

    /** What each link measures. */
    static Map<String, Aggregation> linkMeasures() {
        Map<String, Aggregation> m = new LinkedHashMap<>();
        m.put("up", Aggregation.of(a -> a.sum(s -> s.field(Fields.SOURCE_BYTES))));
        m.put("down", Aggregation.of(a -> a.sum(s -> s.field(Fields.DESTINATION_BYTES))));
        m.put("first", Aggregation.of(a -> a.min(s -> s.field(Fields.TIMESTAMP))));
        m.put("last", Aggregation.of(a -> a.max(s -> s.field(Fields.TIMESTAMP))));
        m.put("flagged", Aggregation.of(a -> a.filter(f -> f.exists(e -> e.field("ipdr.flags.name")))));
        return m;
    }

    static Link link(String a, String b, Map<String, Aggregate> m, long sessions) {
        long bytes = (long) (m.get("up").sum().value() + m.get("down").sum().value());
        return new Link(
                a,
                b,
                sessions,
                bytes,
                m.get("flagged").filter().docCount(),
                time(m.get("first").min().value()),
                time(m.get("last").max().value()));
    }

    private Graph assemble(
            long sessions,
            long unattributed,
            Grouping group,
            boolean complete,
            List<Link> raw,
            String note,
            Masker masker,
            SessionQuery q) {
        Map<String, long[]> a = new LinkedHashMap<>();
        Map<String, long[]> b = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>(raw.size());
        for (Link l : raw) {
            String aId = "a:" + masker.value(l.a());
            String bId = "b:" + l.b();
            add(a.computeIfAbsent(aId, k -> new long[4]), l);
            add(b.computeIfAbsent(bId, k -> new long[4]), l);
            links.add(new Link(aId, bId, l.sessions(), l.bytes(), l.flagged(), l.first(), l.last()));
        }
        List<Node> nodes = new ArrayList<>(a.size() + b.size());
        a.forEach((id, t) -> nodes.add(new Node(
                id,
                "a",
                id.substring(2),
                t[0],
                t[1],
                t[2],
                (int) t[3],
                masker.active() ? null : new Filter(FilterKind.MSISDN, id.substring(2), false).param())));
        b.forEach((id, t) -> nodes.add(new Node(
                id,
                "b",
                id.substring(2),
                t[0],
                t[1],
                t[2],
                (int) t[3],
                new Filter(group.filter(), id.substring(2), false).param())));
        List<Contact> contacts = contacts(raw.stream().map(Link::a).distinct().toList(), q, a.keySet());
        return new Graph(sessions, unattributed, group.key(), complete, nodes, links, contacts, note, masker.active());
    }

    /**
     * The probable contacts among the graph's subscribers in the search's time range, as the links API
     * shows them to this user (scoped: both parties' records in scope; masked alike).
     */
    private List<Contact> contacts(List<String> parties, SessionQuery q, java.util.Set<String> shown) {
        if (documents == null || parties.size() < 2 || parties.size() > 400) {
            return List.of();
        }
        String any = "("
                + String.join(" OR ", parties.stream().map(p -> "\"" + p + "\"").toList()) + ")";
        var found = documents.shown(
                Indices.LINKS,
                new io.flowanalyzer.portal.search.SearchRequest(
                        "party_a.msisdn:" + any + " AND party_b.msisdn:" + any, q.from(), q.to(), 0, 500),
                List.of("link.id"));
        List<Contact> contacts = new ArrayList<>();
        for (Map<String, Object> doc : found.hits()) {
            String a = "a:" + io.flowanalyzer.portal.search.Documents.text(doc, "party_a.msisdn");
            String b = "a:" + io.flowanalyzer.portal.search.Documents.text(doc, "party_b.msisdn");
            if (shown.contains(a) && shown.contains(b)) {
                Object score = io.flowanalyzer.portal.search.Documents.at(doc, "link.score");
                contacts.add(new Contact(
                        io.flowanalyzer.portal.search.Documents.text(doc, "link.id"),
                        a,
                        b,
                        score instanceof Number n ? n.doubleValue() : 0,
                        io.flowanalyzer.portal.search.Documents.text(doc, "relay.app"),
                        io.flowanalyzer.portal.search.Documents.text(doc, "link.reason"),
                        io.flowanalyzer.portal.search.Documents.text(doc, "@timestamp")));
            }
        }
        return contacts;
    }

    private static void add(long[] totals, Link l) {
        totals[0] += l.sessions();
        totals[1] += l.bytes();
        totals[2] += l.flagged();
        totals[3]++;
    }

    Masker masker() {
        return masking == null ? Masker.NONE : masking.current();
    }

    /**
     * Pages through a composite aggregation to its end (every bucket, not a top-N sample), handing each
     * bucket to {@code each}.
     */
    void everyBucket(
            Query query,
            List<Map<String, CompositeAggregationSource>> sources,
            Map<String, Aggregation> sub,
            Consumer<CompositeBucket> each) {
        Map<String, FieldValue> after = null;
        do {
            Map<String, FieldValue> from = after;
            Map<String, Aggregation> aggs = Map.of("all", Aggregation.of(a -> a.composite(c -> {
                        c.size(PAGE).sources(sources);
                        if (from != null) {
                            c.after(from);
                        }
                        return c;
                    })
                    .aggregations(sub)));
            var composite =
                    aggregations.run(query, aggs).aggregations().get("all").composite();
            composite.buckets().array().forEach(each);
            after = composite.buckets().array().size() < PAGE ? null : composite.afterKey();
        } while (after != null && !after.isEmpty());
    }

    static Map<String, CompositeAggregationSource> source(String name, String field) {
        return Map.of(name, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field))));
    }

    static long total(SearchResponse<?> response) {
        return response.hits().total() == null ? 0 : response.hits().total().value();
    }

    static String key(FieldValue v) {
        return v.isString() ? v.stringValue() : String.valueOf(v._get());
    }

    static String time(double epochMillis) {
        return Double.isFinite(epochMillis)
                ? Instant.ofEpochMilli((long) epochMillis).toString()
                : null;
    }

    /** A terms bucket of any value type, as text. */
    record Bucket(String key, long count, Map<String, Aggregate> aggregations) {}

    static List<Bucket> buckets(Aggregate aggregate) {
        List<Bucket> out = new ArrayList<>();
        if (aggregate.isSterms()) {
            aggregate
                    .sterms()
                    .buckets()
                    .array()
                    .forEach(b -> out.add(new Bucket(b.key().stringValue(), b.docCount(), b.aggregations())));
        } else if (aggregate.isLterms()) {
            aggregate
                    .lterms()
                    .buckets()
                    .array()
                    .forEach(b -> out.add(new Bucket(
                            b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()),
                            b.docCount(),
                            b.aggregations())));
        }
        return out;
    }
}
