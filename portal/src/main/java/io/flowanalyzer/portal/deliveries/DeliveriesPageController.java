package io.flowanalyzer.portal.deliveries;

import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.search.DocumentSearch;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchRequest;
import io.flowanalyzer.portal.search.SearchResult;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The deliveries page: what arrived from whom, its hash, how it was read and what became of its lines. */
@Controller
public class DeliveriesPageController {
    private final DocumentSearch search;
    private final io.flowanalyzer.portal.cases.CaseFiles caseFiles;

    public DeliveriesPageController(DocumentSearch search, io.flowanalyzer.portal.cases.CaseFiles caseFiles) {
        this.search = search;
        this.caseFiles = caseFiles;
    }

    /** Tags (or untags) the files of the selected deliveries with a case. */
    @org.springframework.web.bind.annotation.PostMapping("/deliveries/tag")
    public String tag(
            @RequestParam(name = "case", required = false) String caseNumber,
            @RequestParam(name = "delivery", required = false) List<String> deliveries,
            @RequestParam(defaultValue = "add") String action,
            org.springframework.security.core.Authentication who,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (deliveries == null || deliveries.isEmpty()) {
            redirect.addFlashAttribute("uploadProblem", "Select the deliveries whose files you want to tag.");
            return "redirect:/deliveries";
        }
        try {
            boolean add = !"remove".equals(action);
            io.flowanalyzer.portal.cases.CaseFile file =
                    caseFiles.tag(caseNumber, add ? deliveries : null, add ? null : deliveries, who, "deliveries page");
            redirect.addFlashAttribute(
                    "notice",
                    "The files of " + deliveries.size() + (deliveries.size() == 1 ? " delivery" : " deliveries")
                            + " were " + (add ? "tagged with" : "untagged from")
                            + " case " + file.number() + "; it holds "
                            + file.files().size() + " files.");
        } catch (InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("uploadProblem", e.getMessage());
        }
        return "redirect:/deliveries";
    }

    @GetMapping("/deliveries")
    public String deliveries(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("page", Math.max(0, page));
        try {
            SearchResult result = search.search(
                    Indices.CUSTODY, new SearchRequest(q, null, null, Math.max(0, page), 50), List.of("id"));
            model.addAttribute("total", result.total());
            model.addAttribute(
                    "rows", result.hits().stream().map(DeliveryView::of).toList());
            model.addAttribute("pages", (Math.min(result.total(), DocumentSearch.MAX_WINDOW) + 49) / 50);
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "deliveries/deliveries";
    }
}
