package io.flowanalyzer.portal.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API, for AUDITOR and ADMIN: {@code GET /api/audit} (user, action, q, from, to, page →
 * {@code {"total": N, "entries": [...]}}, newest first) and {@code GET /api/audit/verify}.
 */
@RestController
public class AuditController {
    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit")
    public Map<String, Object> entries(AuditLog.Filter filter) {
        AuditLog.Page page = log.list(filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("entries", page.entries().stream().map(AuditEntry::document).toList());
        return body;
    }

    @GetMapping("/api/audit/verify")
    public Map<String, Object> verify() {
        AuditVerifier.Result r = log.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", r.intact());
        body.put("checked", r.checked());
        body.put("broken_at", r.brokenAt());
        body.put("result", r.sentence());
        return body;
    }
}
