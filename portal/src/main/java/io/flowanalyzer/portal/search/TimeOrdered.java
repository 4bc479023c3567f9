package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The records of one index that a query finds, oldest first (ties by id, so the order is the same
 * every time), with the exact total and the aggregations asked with them: what a path or a timeline
 * is drawn from. The query is taken as built, scope included; failures come back as sentences.
 */
@Component
public class TimeOrdered {
    private final ElasticsearchClient client;
    private final PortalProperties portal;

    public TimeOrdered(ElasticsearchClient client, PortalProperties portal) {
        this.client = client;
        this.portal = portal;
    }

    /** The first {@code size} records, their total and the aggregations. */
    public record Page(
            long total,
            List<Map<String, Object>> hits,
            Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregate> aggregations) {
        public boolean cut() {
            return total > hits.size();
        }
    }

    public Page search(String index, Query query, int size, List<String> fields, Map<String, Aggregation> aggs) {
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = client.search(
                    s -> s.index(index)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(size)
                            .trackTotalHits(t -> t.enabled(true))
                            .timeout(portal.searchTimeout().toMillis() + "ms")
                            .query(query)
                            .source(src -> src.filter(f -> f.includes(fields)))
                            .aggregations(aggs)
                            .sort(so -> so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Asc)))
                            .sort(so -> so.field(f -> f.field(Fields.EVENT_ID)
                                    .order(SortOrder.Asc)
                                    .unmappedType(FieldType.Keyword))),
                    Map.class);
            SearchFailures.checkTimedOut(response.timedOut(), portal.searchTimeout());
            List<Map<String, Object>> hits = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = hit.source();
                hits.add(doc);
            }
            long total = response.hits().total() == null
                    ? hits.size()
                    : response.hits().total().value();
            return new Page(total, hits, response.aggregations());
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
