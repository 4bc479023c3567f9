package io.flowanalyzer.portal.rules;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.views.SavedViews;
import io.flowanalyzer.portal.views.ViewRefused;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rules page ({@code /rules}): the user's rules with their last run, a form for a new one on a saved search, run now. */
@Controller
public class RulesPageController {
    private final AlertRules rules;
    private final SavedViews views;

    public RulesPageController(AlertRules rules, SavedViews views) {
        this.rules = rules;
        this.views = views;
    }

    @GetMapping("/rules")
    public String page(Model model) {
        model.addAttribute("rules", rules.list());
        model.addAttribute(
                "views",
                views.list().stream()
                        .filter(v -> io.flowanalyzer.portal.views.SavedView.SEARCH.equals(v.viewType()))
                        .toList());
        model.addAttribute("facets", io.flowanalyzer.portal.search.Facet.values());
        return "rules/rules";
    }

    @PostMapping("/rules")
    public String create(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) Integer every,
            @RequestParam(required = false) String condition,
            @RequestParam(required = false) Long threshold,
            @RequestParam(required = false) String field,
            @RequestParam(required = false) String identifiers,
            @RequestParam(name = "case", required = false) String caseNumber,
            @RequestParam(required = false) String notify,
            @RequestParam(required = false) String cron,
            RedirectAttributes redirect) {
        try {
            AlertRule rule = rules.create(new AlertRules.Draft(
                    title,
                    view,
                    every,
                    cron,
                    condition,
                    threshold,
                    field,
                    identifiers,
                    caseNumber,
                    notify == null ? null : List.of(notify)));
            redirect.addFlashAttribute("saved", rule.title());
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/rules";
    }

    @PostMapping("/rules/{id}/run")
    public String run(@PathVariable String id, RedirectAttributes redirect) {
        try {
            AlertRules.Run run = rules.runNow(id);
            redirect.addFlashAttribute(
                    "ran",
                    run.error() != null
                            ? run.error()
                            : run.deliveries().isEmpty()
                                    ? "No delivery has arrived since the last check."
                                    : String.format(
                                            "%d %s checked: %,d matching %s%s.",
                                            run.deliveries().size(),
                                            run.deliveries().size() == 1 ? "delivery" : "deliveries",
                                            run.matches(),
                                            run.matches() == 1 ? "session" : "sessions",
                                            run.fired() ? ", an alert in the inbox" : ""));
        } catch (ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/rules";
    }
}
