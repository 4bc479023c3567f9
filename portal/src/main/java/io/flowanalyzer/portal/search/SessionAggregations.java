package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An aggregation-only search of the sessions (the graph's and the map's): no hits, the exact count, the
 * portal's timeout; a refusal or a timeout becomes a clear sentence.
 */
@Component
public class SessionAggregations {
    private final ElasticsearchClient client;
    private final PortalProperties portal;

    public SessionAggregations(ElasticsearchClient client, PortalProperties portal) {
        this.client = client;
        this.portal = portal;
    }

    public SearchResponse<Void> run(Query query, Map<String, Aggregation> aggs) {
        try {
            SearchResponse<Void> response = client.search(
                    s -> s.index(Indices.SESSIONS_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(0)
                            .trackTotalHits(t -> t.enabled(true))
                            .timeout(portal.searchTimeout().toMillis() + "ms")
                            .query(query)
                            .aggregations(aggs),
                    Void.class);
            SearchFailures.checkTimedOut(response.timedOut(), portal.searchTimeout());
            return response;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
