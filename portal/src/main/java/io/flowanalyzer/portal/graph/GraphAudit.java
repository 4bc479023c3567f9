package io.flowanalyzer.portal.graph;

import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Records each graph or map question in the audit trail like a search: what was asked, what came back, or why it was refused. */
@Component
public class GraphAudit {
    private final AuditTrail audit;

    public GraphAudit(AuditTrail audit) {
        this.audit = audit;
    }

    public <T> T asked(
            String action,
            SessionQuery q,
            Map<String, String> asked,
            Supplier<T> question,
            Function<T, String> answer) {
        return asked(action, "/graph", q, asked, question, answer);
    }

    /** {@code page}: the page the question belongs to, whose address the entry names. */
    public <T> T asked(
            String action,
            String page,
            SessionQuery q,
            Map<String, String> asked,
            Supplier<T> question,
            Function<T, String> answer) {
        Map<String, String> detail = new LinkedHashMap<>(q.described());
        detail.putAll(asked);
        String summary = q.url(page);
        try {
            T result = question.get();
            String said = answer.apply(result);
            detail.put("answer", said);
            audit.record(action, "ok", null, summary + " → " + said, detail);
            return result;
        } catch (InvalidSearch e) {
            detail.put("reason", e.getMessage());
            audit.record(action, "refused", null, summary, detail);
            throw e;
        }
    }
}
