package io.flowanalyzer.portal.views;

import io.flowanalyzer.portal.search.Column;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The saved views page: every view the user may open (theirs, shared with them, the shipped ones), to
 * open, and to delete where they may; the sessions page's "Save this search" form posts here.
 */
@Controller
public class ViewsPageController {
    private final SavedViews views;

    public ViewsPageController(SavedViews views) {
        this.views = views;
    }

    @GetMapping("/views")
    public String page(Model model) {
        model.addAttribute(
                "views",
                views.list().stream().map(SavedViewsController.Listed::of).toList());
        return "views/views";
    }

    /** Saves the search the form carries (its q, from, to, chips, sort and columns) under the title given. */
    @PostMapping("/views")
    public String save(
            SessionParams params,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String sharing,
            RedirectAttributes redirect) {
        try {
            SessionQuery q = params.query(0);
            SavedView draft = new SavedView(
                    SavedView.TYPE,
                    null,
                    SavedView.SEARCH,
                    title,
                    description,
                    null,
                    sharing,
                    null,
                    0,
                    null,
                    null,
                    null,
                    new SavedView.Search(
                            blank(q.q()),
                            blank(q.from()),
                            blank(q.to()),
                            q.filters().stream()
                                    .map(io.flowanalyzer.portal.search.Filter::param)
                                    .toList(),
                            q.columns().equals(Column.DEFAULTS)
                                    ? null
                                    : q.columns().stream().map(Column::key).toList(),
                            q.isDefaultSort() ? null : q.sortParam()),
                    null,
                    null,
                    null);
            SavedView saved = views.create(draft);
            redirect.addFlashAttribute("saved", saved.title());
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/views";
    }

    @PostMapping("/views/{id}/delete")
    public String delete(@PathVariable String id, RedirectAttributes redirect) {
        try {
            SavedView v = views.get(id);
            views.delete(id);
            redirect.addFlashAttribute("deleted", v.title());
        } catch (ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/views";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static List<String> sharings() {
        return List.of("private", "everyone", "role:INVESTIGATOR", "role:SUPERVISOR", "role:AUDITOR");
    }
}
