package io.flowanalyzer.portal.audit;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The auditor's page: the trail, newest first, with filters, and a button that verifies the whole chain. */
@Controller
public class AuditPageController {
    private final AuditLog log;

    public AuditPageController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/audit")
    public String page(AuditLog.Filter filter, Model model) {
        fill(filter, model);
        return "audit/audit";
    }

    @PostMapping("/audit/verify")
    public String verify(AuditLog.Filter filter, Model model) {
        try {
            model.addAttribute("verification", log.verify());
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        fill(filter, model);
        return "audit/audit";
    }

    private void fill(AuditLog.Filter filter, Model model) {
        model.addAttribute("f", filter);
        try {
            AuditLog.Page page = log.list(filter);
            model.addAttribute("total", page.total());
            model.addAttribute("entries", page.entries());
            model.addAttribute("page", filter.page() == null ? 0 : filter.page());
            model.addAttribute("pages", (Math.min(page.total(), 10_000) + AuditLog.PAGE_SIZE - 1) / AuditLog.PAGE_SIZE);
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
    }
}
