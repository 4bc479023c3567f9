package io.flowanalyzer.portal.alerts;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchResult;
import io.flowanalyzer.portal.views.ViewRefused;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alert inbox page ({@code /inbox}): every firing the user may see, to acknowledge, close or assign. */
@Controller
public class AlertInboxController {
    private final AlertInbox inbox;

    public AlertInboxController(AlertInbox inbox) {
        this.inbox = inbox;
    }

    /** A firing as the inbox lists it: what fired, why, on whom, its state, and where its records are. */
    public record Row(
            String id,
            String time,
            String kind,
            String rule,
            String reason,
            String who,
            String status,
            String assignee,
            String records) {
        @SuppressWarnings("unchecked")
        static Row of(Map<String, Object> d) {
            String kind = String.valueOf(io.flowanalyzer.portal.search.Documents.text(d, "event.kind"));
            String session = io.flowanalyzer.portal.search.Documents.text(d, "session.id");
            String records = "rule".equals(kind)
                    ? io.flowanalyzer.portal.search.Documents.text(d, "search.url")
                    : session == null ? null : "/sessions/" + session;
            String who = io.flowanalyzer.portal.search.Documents.text(d, "ipdr.a_party.msisdn");
            return new Row(
                    io.flowanalyzer.portal.search.Documents.text(d, "event.id"),
                    io.flowanalyzer.portal.system.PageTimes.shown(
                            io.flowanalyzer.portal.search.Documents.text(d, "@timestamp")),
                    "rule".equals(kind) ? "rule" : "flag",
                    io.flowanalyzer.portal.search.Documents.text(d, "rule.name"),
                    io.flowanalyzer.portal.search.Documents.text(d, "alert.reason"),
                    who,
                    io.flowanalyzer.portal.search.Documents.text(d, "alert.status"),
                    io.flowanalyzer.portal.search.Documents.text(d, "alert.assignee"),
                    records);
        }
    }

    @GetMapping("/inbox")
    public String page(
            @RequestParam(required = false) String q,
            @RequestParam(required = false, defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q == null ? "" : q);
        try {
            SearchResult found = inbox.page(q, page, 50);
            model.addAttribute("total", found.total());
            model.addAttribute("rows", found.hits().stream().map(Row::of).toList());
        } catch (InvalidSearch e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("total", 0);
        }
        model.addAttribute("statuses", List.of("open", "acknowledged", "closed"));
        return "alerts/inbox";
    }

    @PostMapping("/inbox/{id}")
    public String update(
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String q,
            RedirectAttributes redirect) {
        try {
            inbox.update(id, status, assignee);
            redirect.addFlashAttribute("updated", id);
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("q", q == null ? "" : q);
        return "redirect:/inbox";
    }
}
