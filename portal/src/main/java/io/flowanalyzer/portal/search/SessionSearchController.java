package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The search API: sessions and rejects, each as {@code {"total": N, "hits": [...]}}. */
@RestController
public class SessionSearchController {
    private final DocumentSearch search;

    public SessionSearchController(DocumentSearch search) {
        this.search = search;
    }

    @GetMapping("/api/sessions")
    public SearchResult sessions(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "0") int page) {
        return search.search(
                Indices.SESSIONS_ALIAS, new SearchRequest(q, from, to, page, size), List.of(Fields.EVENT_ID));
    }

    /** Rejects with the four things an operator needs first: file, line, reason and raw text. */
    @GetMapping("/api/rejects")
    public SearchResult rejects(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "0") int page) {
        SearchResult result = search.search(
                Indices.REJECTS,
                new SearchRequest(q, from, to, page, size),
                List.of(Fields.DELIVERY_LINE, Fields.EVENT_ID));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> doc : result.hits()) {
            hits.add(RejectView.of(doc).asMap());
        }
        return new SearchResult(result.total(), hits);
    }
}
