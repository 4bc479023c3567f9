package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The search API: sessions, NAT/RADIUS bindings, alerts and rejects, each as {@code {"total": N, "hits": [...]}}. */
@RestController
public class SessionSearchController {
    private final DocumentSearch search;

    public SessionSearchController(DocumentSearch search) {
        this.search = search;
    }

    @GetMapping("/api/sessions")
    public SearchResult sessions(SearchParams params) {
        return search.search(Indices.SESSIONS_ALIAS, params.request(), List.of(Fields.EVENT_ID));
    }

    /**
     * NAT/CGNAT translations, port blocks and RADIUS bindings as delivered (one event per document),
     * newest first: {@code public_ip:203.0.113.10 AND public_port:40123}, {@code msisdn:9198…}.
     */
    @GetMapping("/api/bindings")
    public SearchResult bindings(SearchParams params) {
        return search.search(Indices.NAT_ALIAS, params.request(), List.of(Fields.EVENT_ID));
    }

    /**
     * The correlator's firings, newest first: one per flag and session, with the reason, the session's
     * id and who its A-party is ({@code flag:watch_list AND msisdn:9198…}).
     */
    @GetMapping("/api/alerts")
    public SearchResult alerts(SearchParams params) {
        return search.search(Indices.ALERTS, params.request(), List.of(Fields.EVENT_ID));
    }

    /** Rejects with the four things an operator needs first: file, line, reason and raw text. */
    @GetMapping("/api/rejects")
    public SearchResult rejects(SearchParams params) {
        SearchResult result =
                search.search(Indices.REJECTS, params.request(), List.of(Fields.DELIVERY_LINE, Fields.EVENT_ID));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> doc : result.hits()) {
            hits.add(RejectView.of(doc).asMap());
        }
        return new SearchResult(result.total(), hits);
    }
}
