package io.flowanalyzer.portal.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.DocumentSearch;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import io.flowanalyzer.portal.search.SearchRequest;
import io.flowanalyzer.portal.search.SearchResult;
import io.flowanalyzer.portal.users.DataScope;
import io.flowanalyzer.portal.views.ViewRefused;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The alert inbox: the correlator's flag firings and the scheduled rules' firings in one list, newest
 * first, within what the user may see; an investigator acknowledges, closes or assigns one, and each
 * change is in the audit trail. Status and assignee are the portal's: the correlator never writes them
 * again after the firing is made.
 */
@Service
public class AlertInbox {
    public static final Set<String> STATUSES = Set.of("open", "acknowledged", "closed");

    private final DocumentSearch search;
    private final ElasticsearchClient client;
    private final DataScope scope;
    private final AuditTrail audit;

    public AlertInbox(DocumentSearch search, ElasticsearchClient client, DataScope scope, AuditTrail audit) {
        this.search = search;
        this.client = client;
        this.scope = scope;
        this.audit = audit;
    }

    /** One page of firings the query finds (blank: all), newest first. */
    public SearchResult page(String q, int page, int size) {
        return search.shown(Indices.ALERTS, new SearchRequest(q, null, null, page, size), List.of(Fields.EVENT_ID));
    }

    /** Sets a firing's status and assignee (blank: unchanged); 404 for one the user may not see. */
    public void update(String id, String status, String assignee) {
        String s = status == null || status.isBlank() ? null : status.strip().toLowerCase(java.util.Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw new InvalidSearch("An alert is open, acknowledged or closed, not '"
                    + io.flowanalyzer.portal.search.Filter.shorten(status) + "'.");
        }
        String a = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if (a != null && !a.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidSearch("An alert is assigned to a user name (letters, digits, . _ @ -).");
        }
        if (!visible(id)) {
            throw new ViewRefused(
                    404,
                    "There is no alert '" + io.flowanalyzer.portal.search.Filter.shorten(id) + "' that you may see.");
        }
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        Map<String, Object> alert = new java.util.LinkedHashMap<>();
        if (s != null) {
            alert.put("status", s);
        }
        if (a != null) {
            alert.put("assignee", a);
        }
        alert.put("updated_by", user);
        alert.put("updated_at", Instant.now().toString());
        try {
            client.update(
                    u -> u.index(Indices.ALERTS)
                            .id(id)
                            .doc(Map.of("alert", alert))
                            .refresh(Refresh.True),
                    Map.class);
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
        audit.record(
                "alert_updated",
                "ok",
                null,
                "alert " + id + (s == null ? "" : " " + s) + (a == null ? "" : " → " + a),
                Map.of("id", id, "status", s == null ? "" : s, "assignee", a == null ? "" : a));
    }

    private boolean visible(String id) {
        try {
            Query query = Query.of(x -> x.bool(b -> {
                b.filter(f -> f.ids(i -> i.values(id)));
                scope.filter(Indices.ALERTS).ifPresent(b::filter);
                return b;
            }));
            return client.count(c -> c.index(Indices.ALERTS).query(query)).count() > 0;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
