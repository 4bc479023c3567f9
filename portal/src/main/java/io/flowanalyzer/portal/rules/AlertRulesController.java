package io.flowanalyzer.portal.rules;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scheduled alert rules as JSON: create one on a saved search, list, read, delete, run now, and its
 * runs. The firings are in {@code GET /api/alerts} ({@code event.kind:rule}).
 */
@RestController
public class AlertRulesController {
    private final AlertRules rules;

    public AlertRulesController(AlertRules rules) {
        this.rules = rules;
    }

    @PostMapping(value = "/api/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public AlertRule create(@RequestBody AlertRules.Draft d) {
        return rules.create(d);
    }

    @GetMapping("/api/rules")
    public List<AlertRule> list() {
        return rules.list();
    }

    @GetMapping("/api/rules/{id}")
    public AlertRule get(@PathVariable String id) {
        return rules.get(id);
    }

    @DeleteMapping("/api/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        rules.delete(id);
    }

    /** Runs the rule now, as the schedule would: the same window, the same single firing. */
    @PostMapping("/api/rules/{id}/run")
    public AlertRules.Run run(@PathVariable String id) {
        return rules.runNow(id);
    }

    @GetMapping("/api/rules/{id}/runs")
    public List<AlertRules.Run> runs(@PathVariable String id) {
        return rules.runs(id);
    }
}
