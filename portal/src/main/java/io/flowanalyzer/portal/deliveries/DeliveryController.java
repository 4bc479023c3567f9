package io.flowanalyzer.portal.deliveries;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.search.DocumentSearch;
import io.flowanalyzer.portal.search.SearchParams;
import io.flowanalyzer.portal.search.SearchResult;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The custody API: every delivery with its hash, profile and counts. */
@RestController
public class DeliveryController {
    private final DocumentSearch search;
    private final ElasticsearchClient client;

    private final io.flowanalyzer.portal.users.DataScope scope;

    public DeliveryController(
            DocumentSearch search, ElasticsearchClient client, io.flowanalyzer.portal.users.DataScope scope) {
        this.search = search;
        this.client = client;
        this.scope = scope;
    }

    @GetMapping("/api/deliveries")
    public SearchResult deliveries(SearchParams params) {
        SearchResult result = search.search(Indices.CUSTODY, params.request(), List.of("id"));
        return new SearchResult(
                result.total(),
                result.hits().stream().map(d -> DeliveryView.of(d).asMap()).toList());
    }

    @GetMapping("/api/deliveries/{id}")
    public ResponseEntity<Map<String, Object>> delivery(@PathVariable String id) {
        if (!id.matches("[0-9a-f]{8,64}")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "There is no delivery with the id " + id + "."));
        }
        try {
            // looked up through the user's scope (their ISPs, their case tags), never fetched and then checked
            co.elastic.clients.elasticsearch._types.query_dsl.Query scoped = scope.filter(Indices.CUSTODY)
                    .map(f -> co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q ->
                            q.bool(b -> b.filter(i -> i.ids(x -> x.values(id))).filter(f))))
                    .orElse(co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q -> q.ids(x -> x.values(id))));
            @SuppressWarnings("rawtypes")
            co.elastic.clients.elasticsearch.core.SearchResponse<Map> response = client.search(
                    s -> s.index(Indices.CUSTODY)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .query(scoped)
                            .size(1),
                    Map.class);
            if (response.hits().hits().isEmpty()) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("error", "There is no delivery with the id " + id + "."));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = response.hits().hits().get(0).source();
            return ResponseEntity.ok(DeliveryView.of(source).asMap());
        } catch (IOException e) {
            throw new SearchUnavailable("The search service is not answering right now. Try again in a moment.", e);
        }
    }
}
