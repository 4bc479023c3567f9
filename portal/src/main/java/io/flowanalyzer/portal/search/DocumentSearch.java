package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs an investigator's search against one index or alias: query_string over the index's default
 * fields, a time range on {@code @timestamp}, newest first, with an exact total. Failures come back
 * as sentences ({@link InvalidSearch}, {@link SearchUnavailable}), never as engine stack traces.
 */
@Service
public class DocumentSearch {
    /** Elasticsearch's default max_result_window: deeper pages need an export, not paging. */
    public static final int MAX_WINDOW = 10_000;

    private final ElasticsearchClient client;
    private final PortalProperties properties;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    private final io.flowanalyzer.portal.users.DataScope scope;
    private final io.flowanalyzer.portal.privacy.IdentifierMasking masking;

    public DocumentSearch(
            ElasticsearchClient client,
            PortalProperties properties,
            io.flowanalyzer.portal.audit.AuditTrail audit,
            io.flowanalyzer.portal.users.DataScope scope,
            io.flowanalyzer.portal.privacy.IdentifierMasking masking) {
        this.masking = masking;
        this.scope = scope;
        this.client = client;
        this.properties = properties;
        this.audit = audit;
    }

    /** Runs the search and records it in the audit trail. */
    public SearchResult search(String index, SearchRequest request, List<String> tieBreakers) {
        Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("index", index);
        detail.put("q", request.query());
        detail.put("from", request.from());
        detail.put("to", request.to());
        detail.put("page", String.valueOf(request.page()));
        String asked = index + " q=" + (request.query() == null ? "" : request.query());
        return audit.searched(asked, detail, () -> run(index, request, tieBreakers), SearchResult::total);
    }

    /** {@link #search} with subscriber identifiers masked for a user who may not see them: what the API and pages show. */
    public SearchResult shown(String index, SearchRequest request, List<String> tieBreakers) {
        SearchResult result = search(index, request, tieBreakers);
        io.flowanalyzer.portal.privacy.Masker masker = masking.current();
        if (!masker.active()) {
            return result;
        }
        return new SearchResult(
                result.total(), result.hits().stream().map(masker::document).toList());
    }

    private SearchResult run(String index, SearchRequest request, List<String> tieBreakers) {
        if (request.size() < 0 || request.size() > properties.maxPageSize()) {
            throw new InvalidSearch("A page holds between 0 and " + properties.maxPageSize() + " results; ask for size="
                    + properties.maxPageSize() + " or less.");
        }
        int size = request.size();
        if (request.page() < 0) {
            throw new InvalidSearch("Pages are numbered from 0; page=" + request.page() + " does not exist.");
        }
        long from = (long) request.page() * size;
        if (from + size > MAX_WINDOW) {
            throw new InvalidSearch(
                    "Only the first 10,000 results can be paged through; narrow the query or the time range to see later ones.");
        }
        Query query = Query.of(q -> q.bool(b -> {
            b.must(Clauses.queryString(request.queryOrAll()));
            Clauses.timeRange(Fields.TIMESTAMP, request.from(), request.to()).ifPresent(b::filter);
            scope.filter(index).ifPresent(b::filter);
            if (Indices.LINKS.equals(index)) {
                b.mustNot(Clauses.withdrawnLinks());
            }
            return b;
        }));
        String timeout = properties.searchTimeout().toMillis() + "ms";
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = client.search(
                    s -> {
                        s.index(index)
                                .ignoreUnavailable(true)
                                .allowNoIndices(true)
                                .query(query)
                                .trackTotalHits(t -> t.enabled(true))
                                .from((int) from)
                                .size(size)
                                .timeout(timeout)
                                .sort(so ->
                                        so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Desc)));
                        for (String field : tieBreakers) {
                            s.sort(so -> so.field(f -> f.field(field)
                                    .order(SortOrder.Asc)
                                    .unmappedType(co.elastic.clients.elasticsearch._types.mapping.FieldType.Keyword)));
                        }
                        return s;
                    },
                    Map.class);
            SearchFailures.checkTimedOut(response.timedOut(), properties.searchTimeout());
            List<Map<String, Object>> hits = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = hit.source();
                hits.add(source);
            }
            long total = response.hits().total() == null
                    ? hits.size()
                    : response.hits().total().value();
            return new SearchResult(total, hits);
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
