package io.flowanalyzer.portal.deliveries;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
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

    /** Whether the current user may see a custody record (its ISP within their scope). */
    private boolean inScope(Map<?, ?> custody) {
        return scope.allows(String.valueOf(custody.get("isp")));
    }

    @GetMapping("/api/deliveries/{id}")
    public ResponseEntity<Map<String, Object>> delivery(@PathVariable String id) {
        if (!id.matches("[0-9a-f]{8,64}")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "There is no delivery with the id " + id + "."));
        }
        try {
            @SuppressWarnings("rawtypes")
            GetResponse<Map> response = client.get(g -> g.index(Indices.CUSTODY).id(id), Map.class);
            if (!response.found() || !inScope(response.source())) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("error", "There is no delivery with the id " + id + "."));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = response.source();
            return ResponseEntity.ok(DeliveryView.of(source).asMap());
        } catch (IOException e) {
            throw new SearchUnavailable("The search service is not answering right now. Try again in a moment.", e);
        }
    }
}
