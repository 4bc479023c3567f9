package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Runs a sessions search in one round trip to Elasticsearch: the page of hits (sorted, with the
 * matched fields), the facets and the time histogram, as asked. Paging is bounded by the engine's
 * result window; everything beyond it is for the export.
 */
@Service
public class SessionSearch {
    /** The parts of an answer: the page of hits, the facets, the histogram. */
    public enum Part {
        HITS,
        FACETS,
        HISTOGRAM
    }

    static final int HISTOGRAM_BUCKETS = 60;
    private static final String HISTOGRAM = "histogram";
    private static final String FIRST = "first";
    private static final String LAST = "last";

    private final ElasticsearchClient client;
    private final PortalProperties properties;
    private final SessionQueries queries;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;
    private final io.flowanalyzer.portal.privacy.IdentifierMasking masking;

    public SessionSearch(
            ElasticsearchClient client,
            PortalProperties properties,
            SessionQueries queries,
            io.flowanalyzer.portal.audit.AuditTrail audit,
            io.flowanalyzer.portal.privacy.IdentifierMasking masking) {
        this.masking = masking;
        this.client = client;
        this.properties = properties;
        this.queries = queries;
        this.audit = audit;
    }

    /** Runs the search and records it in the audit trail (the query, the chips, the count, or why it was refused). */
    public SessionResults search(SessionQuery q, Set<Part> parts) {
        java.util.Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("index", Indices.SESSIONS_ALIAS);
        detail.putAll(q.described());
        detail.put("sort", q.sortParam());
        detail.put("page", String.valueOf(q.page()));
        detail.put("parts", parts.toString());
        String asked = q.url("/search");
        // the entry is written while the histogram is computed: the search waits for the slower of the two
        return audit.searchedOverlapping(asked, detail, counted -> run(q, parts, counted), SessionResults::total);
    }

    /**
     * The search without its audit entry: what Elasticsearch is asked and answers, for the search
     * benchmark's baseline (the portal adds the HTTP round trip, sign-in, audit and the page).
     */
    public SessionResults execute(SessionQuery q, Set<Part> parts) {
        return run(q, parts, n -> {});
    }

    /** The search; {@code counted} learns the number of matches as soon as it is known. */
    private SessionResults run(SessionQuery q, Set<Part> parts, java.util.function.LongConsumer counted) {
        int size = parts.contains(Part.HITS) ? q.size() : 0;
        if (size < 0 || size > properties.maxPageSize()) {
            throw new InvalidSearch("A page holds between 0 and " + properties.maxPageSize() + " results; ask for size="
                    + properties.maxPageSize() + " or less.");
        }
        if (q.page() < 0) {
            throw new InvalidSearch("Pages are numbered from 0; page=" + q.page() + " does not exist.");
        }
        long from = (long) q.page() * size;
        if (from + size > DocumentSearch.MAX_WINDOW) {
            throw new InvalidSearch(
                    "Only the first 10,000 results can be paged through; narrow the query or the time range to see later ones.");
        }
        Query query = queries.build(q);
        SearchRequest.Builder s = request(query).from((int) from).size(size);
        if (size > 0) {
            s.sort(so -> so.field(f -> f.field(q.sort().sortField())
                    .order(q.descending() ? SortOrder.Desc : SortOrder.Asc)
                    .unmappedType(FieldType.Keyword)));
            if (q.sort() != Column.START) {
                s.sort(so -> so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Desc)));
            }
            s.sort(so ->
                    so.field(f -> f.field(Fields.EVENT_ID).order(SortOrder.Asc).unmappedType(FieldType.Keyword)));
            if (q.q() != null && !q.q().isBlank()) {
                // whole keyword values are marked, so one fragment per field and no HTML of ours in the answer
                s.highlight(h -> h.requireFieldMatch(false)
                        .numberOfFragments(0)
                        .fields("ipdr.*", f -> f)
                        .fields("destination.geo.*", f -> f)
                        .fields("destination.as.*", f -> f)
                        .fields("network.transport", f -> f)
                        .fields("log.file.path", f -> f));
            }
        }
        // A page of sorted hits asked together with aggregations makes Elasticsearch sort every match (3×
        // slower on a month of one ISP); asked apart, the page skips what cannot make it and the two requests
        // run side by side.
        boolean apart = size > 0 && (parts.contains(Part.FACETS) || parts.contains(Part.HISTOGRAM));
        SearchRequest.Builder a = apart ? request(query).size(0) : s;
        if (parts.contains(Part.FACETS)) {
            for (Facet facet : Facet.values()) {
                a.aggregations(
                        facet.key(),
                        g -> g.terms(
                                t -> t.field(facet.field()).size(Facet.SIZE).shardSize(Facet.SHARD_SIZE)));
            }
        }
        if (parts.contains(Part.HISTOGRAM)) {
            // the histogram's interval depends on the span of the matches: learn it here, draw it next
            a.aggregations(FIRST, g -> g.min(m -> m.field(Fields.TIMESTAMP)));
            a.aggregations(LAST, g -> g.max(m -> m.field(Fields.TIMESTAMP)));
        }
        try {
            SearchRequest aggregations = apart ? a.build() : null;
            @SuppressWarnings("rawtypes")
            java.util.concurrent.CompletableFuture<SearchResponse<Map>> aside = apart
                    ? java.util.concurrent.CompletableFuture.supplyAsync(() -> searchNow(aggregations), ASIDE)
                    : null;
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = client.search(s.build(), Map.class);
            SearchFailures.checkTimedOut(response.timedOut(), properties.searchTimeout());
            long total = response.hits().total() == null
                    ? response.hits().hits().size()
                    : response.hits().total().value();
            counted.accept(total);
            io.flowanalyzer.portal.privacy.Masker masker =
                    masking == null ? io.flowanalyzer.portal.privacy.Masker.NONE : masking.current();
            List<SessionResults.Hit> hits = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = hit.source();
                hits.add(new SessionResults.Hit(
                        masker.document(source), Set.copyOf(hit.highlight().keySet())));
            }
            if (apart) {
                response = answer(aside);
                SearchFailures.checkTimedOut(response.timedOut(), properties.searchTimeout());
            }

            Map<Facet, List<Facet.Count>> facets = new EnumMap<>(Facet.class);
            Set<Facet> approximate = EnumSet.noneOf(Facet.class);
            if (parts.contains(Part.FACETS)) {
                for (Facet facet : Facet.values()) {
                    Aggregate aggregate = response.aggregations().get(facet.key());
                    if (mayBeShort(aggregate)) {
                        approximate.add(facet);
                    }
                    List<Facet.Count> counts = counts(aggregate);
                    if (facet.identifies() && masker.active()) {
                        counts = counts.stream()
                                .map(c -> new Facet.Count(masker.value(c.value()), c.count()))
                                .toList();
                    }
                    facets.put(facet, counts);
                }
            }
            Histogram histogram = parts.contains(Part.HISTOGRAM) && total > 0
                    ? histogram(
                            query,
                            response.aggregations().get(FIRST).min().value(),
                            response.aggregations().get(LAST).max().value())
                    : Histogram.empty();
            return new SessionResults(total, hits, facets, histogram, approximate);
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** The other request of a search, asked on its own thread (daemon: a stopping portal does not wait for it). */
    private static final java.util.concurrent.ExecutorService ASIDE =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "search-aside");
                t.setDaemon(true);
                return t;
            });

    private SearchRequest.Builder request(Query query) {
        return new SearchRequest.Builder()
                .index(Indices.SESSIONS_ALIAS)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(query)
                .trackTotalHits(t -> t.enabled(true))
                .timeout(properties.searchTimeout().toMillis() + "ms");
    }

    @SuppressWarnings("rawtypes")
    private SearchResponse<Map> searchNow(SearchRequest request) {
        try {
            return client.search(request, Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The answer of the request asked aside; its failure is explained like the page's own. */
    @SuppressWarnings("rawtypes")
    private static SearchResponse<Map> answer(java.util.concurrent.CompletableFuture<SearchResponse<Map>> aside) {
        try {
            return aside.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.UncheckedIOException io) {
                throw SearchFailures.explain(io.getCause());
            }
            if (cause instanceof ElasticsearchException es) {
                throw SearchFailures.explain(es);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    public static Set<Part> all() {
        return EnumSet.allOf(Part.class);
    }

    /** Whether Elasticsearch says a count of this facet may be short of the true one. */
    private static boolean mayBeShort(Aggregate aggregate) {
        Long error = aggregate == null
                ? null
                : aggregate.isSterms()
                        ? aggregate.sterms().docCountErrorUpperBound()
                        : aggregate.isLterms() ? aggregate.lterms().docCountErrorUpperBound() : null;
        return error != null && error > 0;
    }

    private static List<Facet.Count> counts(Aggregate aggregate) {
        List<Facet.Count> counts = new ArrayList<>();
        if (aggregate == null) {
            return counts;
        }
        if (aggregate.isSterms()) {
            for (StringTermsBucket b : aggregate.sterms().buckets().array()) {
                counts.add(new Facet.Count(b.key().stringValue(), b.docCount()));
            }
        } else if (aggregate.isLterms()) {
            for (var b : aggregate.lterms().buckets().array()) {
                counts.add(new Facet.Count(
                        b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()), b.docCount()));
            }
        }
        return counts;
    }

    /** Sessions per interval between the first and the last match, empty intervals included. */
    private Histogram histogram(Query query, double first, double last) throws IOException {
        if (!Double.isFinite(first) || !Double.isFinite(last)) {
            return Histogram.empty();
        }
        long min = (long) first;
        long max = (long) last;
        Interval interval = Interval.forSpan(Duration.ofMillis(max - min), HISTOGRAM_BUCKETS);
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> response = client.search(
                s -> s.index(Indices.SESSIONS_ALIAS)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .query(query)
                        .size(0)
                        .timeout(properties.searchTimeout().toMillis() + "ms")
                        .aggregations(
                                HISTOGRAM,
                                a -> a.dateHistogram(h -> {
                                    h.field(Fields.TIMESTAMP).minDocCount(0).extendedBounds(e -> e.min(
                                                    co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath
                                                            .of(f -> f.value(min)))
                                            .max(co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath.of(
                                                    f -> f.value(max))));
                                    if (interval.calendar() != null) {
                                        h.calendarInterval(interval.calendar());
                                    } else {
                                        h.fixedInterval(f -> f.time(interval.name()));
                                    }
                                    return h;
                                })),
                Map.class);
        SearchFailures.checkTimedOut(response.timedOut(), properties.searchTimeout());
        List<Histogram.Bucket> buckets = new ArrayList<>();
        for (DateHistogramBucket b :
                response.aggregations().get(HISTOGRAM).dateHistogram().buckets().array()) {
            Instant start = Instant.ofEpochMilli(b.key());
            buckets.add(new Histogram.Bucket(start, interval.after(start), b.docCount()));
        }
        return new Histogram(interval.name(), buckets);
    }

    /** The fields of {@code columns} a hit's matches mark; addresses the search names mark their cells too. */
    static Set<String> marks(
            Set<String> matched, List<io.flowanalyzer.model.reference.Cidr> blocks, Map<String, Object> doc) {
        if (blocks.isEmpty()) {
            return matched;
        }
        Set<String> marks = new LinkedHashSet<>(matched);
        for (String field : FilterKind.IP.fields()) {
            String ip = Documents.text(doc, field);
            if (ip == null) {
                continue;
            }
            io.flowanalyzer.model.IpAddresses.Bits bits = io.flowanalyzer.model.IpAddresses.bits(ip);
            if (bits == null) {
                continue;
            }
            for (io.flowanalyzer.model.reference.Cidr block : blocks) {
                if (block.contains(bits)) {
                    marks.add(field);
                }
            }
        }
        return marks;
    }

    /** The addresses and networks a search names, parsed once for marking every row. */
    static List<io.flowanalyzer.model.reference.Cidr> blocks(List<String> addresses) {
        List<io.flowanalyzer.model.reference.Cidr> blocks = new ArrayList<>();
        for (String a : addresses) {
            io.flowanalyzer.model.reference.Cidr block = io.flowanalyzer.model.reference.Cidr.parse(a);
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }
}
