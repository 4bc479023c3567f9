package io.flowanalyzer.portal.alerts;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/alerts/{id}/status} with {@code {"status": "acknowledged", "assignee": "ravi"}}. */
@RestController
public class AlertStatusController {
    private final AlertInbox inbox;

    public AlertStatusController(AlertInbox inbox) {
        this.inbox = inbox;
    }

    public record Change(String status, String assignee) {}

    @PostMapping("/api/alerts/{id}/status")
    public Map<String, String> update(@PathVariable String id, @RequestBody Change change) {
        inbox.update(id, change.status(), change.assignee());
        return Map.of("id", id, "status", change.status() == null ? "" : change.status());
    }
}
