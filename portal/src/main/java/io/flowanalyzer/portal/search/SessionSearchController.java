package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The search API. Sessions take the page's parameters ({@code q}, {@code from}, {@code to}, repeated
 * {@code f} chips such as {@code f=app:WhatsApp} or {@code f=list:<id>}, {@code sort}, {@code page},
 * {@code size}); their facets, histogram and single records have their own addresses. NAT/RADIUS
 * bindings, alerts and rejects answer {@code {"total": N, "hits": [...]}} for a query and time range.
 */
@RestController
public class SessionSearchController {
    private final DocumentSearch search;
    private final SessionSearch sessions;
    private final SessionDetail detail;
    private final IdLists lists;
    private final PortalProperties properties;

    public SessionSearchController(
            DocumentSearch search,
            SessionSearch sessions,
            SessionDetail detail,
            IdLists lists,
            PortalProperties properties) {
        this.search = search;
        this.sessions = sessions;
        this.detail = detail;
        this.lists = lists;
        this.properties = properties;
    }

    /** {@code {"total": N, "hits": [session documents]}}, sorted as asked (newest first by default). */
    @GetMapping("/api/sessions")
    public SearchResult sessions(SessionParams params) {
        SessionResults results =
                sessions.search(params.query(SearchParams.DEFAULT_SIZE), EnumSet.of(SessionSearch.Part.HITS));
        return new SearchResult(
                results.total(),
                results.hits().stream().map(SessionResults.Hit::source).toList());
    }

    /** {@code {"total": N, "facets": {"app": [{"value": "WhatsApp", "count": 263}, …], …}}}: the top 10 values of each. */
    @GetMapping("/api/sessions/facets")
    public Map<String, Object> facets(SessionParams params) {
        SessionResults results = sessions.search(params.query(0), EnumSet.of(SessionSearch.Part.FACETS));
        Map<String, Object> facets = new LinkedHashMap<>();
        results.facets().forEach((facet, counts) -> facets.put(facet.key(), counts));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", results.total());
        body.put("facets", facets);
        // facets whose counts Elasticsearch says may be a little short of the true ones
        body.put("approximate", results.approximate().stream().map(Facet::key).toList());
        return body;
    }

    /** {@code {"total": N, "interval": "1h", "buckets": [{"from": …, "to": …, "count": N}, …]}}: about 60 buckets. */
    @GetMapping("/api/sessions/histogram")
    public Map<String, Object> histogram(SessionParams params) {
        SessionResults results = sessions.search(params.query(0), EnumSet.of(SessionSearch.Part.HISTOGRAM));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", results.total());
        body.put("interval", results.histogram().interval());
        body.put("buckets", results.histogram().buckets());
        return body;
    }

    /** One session with its delivery's custody record, its raw line and the evidence of its attribution. */
    @GetMapping("/api/sessions/{id}")
    public Map<String, Object> session(@PathVariable String id) {
        SessionDetail.View v = detail.find(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", v.id());
        body.put("session", v.session());
        body.put("delivery", v.delivery() == null ? null : v.delivery().asMap());
        body.put("line", v.line());
        body.put("offset", v.offset());
        body.put("raw", v.raw());
        body.put("attribution_method", v.method());
        body.put("evidence", v.evidence());
        body.put("probable_contacts", v.contacts());
        return body;
    }

    /**
     * A list of identifiers (text: one per line, or separated by commas) kept for use as one filter:
     * answers {@code {"id": …, "filter": "list:<id>", "size": N, "description": …}}.
     */
    @PostMapping(
            value = "/api/id-lists",
            consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> idList(@RequestBody String identifiers, Principal user) {
        IdList list = lists.save(IdList.parse(identifiers), user.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", list.id());
        body.put("filter", "list:" + list.id());
        body.put("size", list.size());
        body.put("description", list.describe());
        return body;
    }

    /**
     * NAT/CGNAT translations, port blocks and RADIUS bindings as delivered (one event per document),
     * newest first: {@code public_ip:203.0.113.10 AND public_port:40123}, {@code msisdn:9198…}.
     */
    @GetMapping("/api/bindings")
    public SearchResult bindings(SearchParams params) {
        return search.shown(Indices.NAT_ALIAS, params.request(), List.of(Fields.EVENT_ID));
    }

    /**
     * The correlator's firings, newest first: one per flag and session, with the reason, the session's
     * id and who its A-party is ({@code flag:watch_list AND msisdn:9198…}).
     */
    @GetMapping("/api/alerts")
    public SearchResult alerts(SearchParams params) {
        return search.shown(Indices.ALERTS, params.request(), List.of(Fields.EVENT_ID));
    }

    /**
     * Probable contacts (the correlator's co-session links), newest first: two subscribers whose sessions
     * reached one messaging/VoIP relay together, with both parties, the relay, each party's session and
     * the score with its reason ({@code party_a.msisdn:9198… OR party_b.msisdn:9198…}, {@code app:WhatsApp},
     * {@code score>=0.9}, {@code session:<id>}). A user sees a link only when both parties' records are in scope.
     */
    @GetMapping("/api/links")
    public SearchResult links(SearchParams params) {
        return search.shown(Indices.LINKS, params.request(), List.of("link.id"));
    }

    /** Rejects with the four things an operator needs first: file, line, reason and raw text. */
    @GetMapping("/api/rejects")
    public SearchResult rejects(SearchParams params) {
        SearchResult result =
                search.shown(Indices.REJECTS, params.request(), List.of(Fields.DELIVERY_LINE, Fields.EVENT_ID));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> doc : result.hits()) {
            hits.add(RejectView.of(doc).asMap());
        }
        return new SearchResult(result.total(), hits);
    }
}
