package io.flowanalyzer.portal.dashboards;

import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.views.Panel;
import io.flowanalyzer.portal.views.SavedView;
import io.flowanalyzer.portal.views.SavedViews;
import io.flowanalyzer.portal.views.ViewRefused;
import io.flowanalyzer.portal.views.Visual;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard page: its time range and filter bar (tried on the page, saved with a button), its panels
 * in a grid, each drawn by the page's script from its own request, and for its owner the forms that add
 * a panel (drawn here, or kept as a visualisation to reuse), remove one and save the bar. Every change
 * is a new version of the dashboard, refused when someone saved it meanwhile.
 */
@Controller
public class DashboardPageController {
    private final DashboardPanels panels;
    private final SavedViews views;
    private final io.flowanalyzer.portal.quality.DataQuality quality;

    public DashboardPageController(
            DashboardPanels panels, SavedViews views, io.flowanalyzer.portal.quality.DataQuality quality) {
        this.panels = panels;
        this.views = views;
        this.quality = quality;
    }

    /** A panel as the page lays it out: its number, width, title and where its data comes from. */
    public record Slot(int n, int width, String title, String kind, String data) {}

    @GetMapping("/dashboards/{id}")
    public String page(
            @PathVariable String id,
            @RequestParam(required = false) String bar,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> f,
            Model model) {
        DashboardPanels.Board board = panels.board(id);
        SavedView v = board.view();
        SavedView.Search saved = v.search();
        SavedView.Search shown = bar == null ? saved : new SavedView.Search(q, from, to, clean(f), null, null);
        io.flowanalyzer.portal.search.SessionQuery barQuery = DashboardPanels.combined(shown, null, 0);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < board.panels().size(); i++) {
            Panel p = board.panels().get(i);
            slots.add(new Slot(
                    i + 1,
                    SavedView.VISUALISATION.equals(v.viewType()) ? 12 : p.widthOr6(),
                    title(p),
                    p.visual() != null ? p.visual().kind() : null,
                    barQuery.url("/dashboards/" + id + "/panels/" + (i + 1) + "/data", u -> u.queryParam("bar", "1"))));
        }
        String page = "/dashboards/" + id;
        model.addAttribute(
                "chips",
                io.flowanalyzer.portal.search.SearchPage.chips(
                        barQuery, Filter::label, w -> w.url(page, u -> u.queryParam("bar", "1"))));
        List<io.flowanalyzer.portal.search.SearchPage.Link> presets = new ArrayList<>();
        for (String[] p : PRESETS) {
            boolean active = p[1].equals(shown.from() == null ? "" : shown.from()) && blank(shown.to()) == null;
            presets.add(new io.flowanalyzer.portal.search.SearchPage.Link(
                    p[0], barQuery.withRange(p[1], null).url(page, u -> u.queryParam("bar", "1")), active));
        }
        model.addAttribute("presets", presets);
        boolean reportsQuality = board.panels().stream().anyMatch(p -> {
            try {
                return panels.resolve(p).visual().kindOf() == Visual.Kind.QUALITY;
            } catch (InvalidSearch | ViewRefused e) {
                return false;
            }
        });
        if (reportsQuality) {
            // one click per ISP: the chip of that ISP instead of any other ISP chip
            io.flowanalyzer.portal.search.SessionQuery others = barQuery;
            for (Filter chip : barQuery.filters()) {
                if (chip.kind() == io.flowanalyzer.portal.search.FilterKind.ISP) {
                    others = others.without(chip);
                }
            }
            List<io.flowanalyzer.portal.search.SearchPage.Link> isps = new ArrayList<>();
            List<String> chosen = io.flowanalyzer.portal.quality.DataQuality.isps(barQuery);
            isps.add(new io.flowanalyzer.portal.search.SearchPage.Link(
                    "Every ISP", others.url(page, u -> u.queryParam("bar", "1")), chosen.isEmpty()));
            for (String isp : quality.ispsDelivered()) {
                isps.add(new io.flowanalyzer.portal.search.SearchPage.Link(
                        isp,
                        others.withFilter(new Filter(io.flowanalyzer.portal.search.FilterKind.ISP, isp, false))
                                .url(page, u -> u.queryParam("bar", "1")),
                        chosen.equals(List.of(isp))));
            }
            model.addAttribute("isps", isps);
        }
        model.addAttribute("dashboard", v);
        model.addAttribute("bar", shown);
        model.addAttribute("changed", bar != null && !same(saved, shown));
        model.addAttribute("slots", slots);
        model.addAttribute("editable", SavedView.DASHBOARD.equals(v.viewType()) && views.editable(v));
        model.addAttribute("kinds", Visual.kinds());
        model.addAttribute("metrics", Visual.metrics());
        model.addAttribute("facets", io.flowanalyzer.portal.search.Facet.values());
        model.addAttribute(
                "reusable",
                views.list().stream()
                        .filter(x -> !SavedView.DASHBOARD.equals(x.viewType()))
                        .toList());
        model.addAttribute("widths", Panel.WIDTHS);
        model.addAttribute("sharings", SHARINGS);
        model.addAttribute("aspects", io.flowanalyzer.portal.quality.DataQuality.Aspect.values());
        return "dashboards/dashboard";
    }

    private static final String[][] SHARINGS = {
        {"private", "only me"},
        {"everyone", "everyone"},
        {"role:INVESTIGATOR", "investigators"},
        {"role:SUPERVISOR", "supervisors"},
        {"role:AUDITOR", "auditors"}
    };

    private static final String[][] PRESETS = {
        {"Last 24 hours", "now-24h"}, {"Last 7 days", "now-7d"}, {"Last 30 days", "now-30d"}, {"All time", ""}
    };

    /** The panel's heading: its own title, the saved view's, or what it draws; the view's id when that is gone. */
    private String title(Panel p) {
        try {
            DashboardPanels.Resolved r = panels.resolve(p);
            return r.title() != null ? r.title() : r.visual().described();
        } catch (InvalidSearch | ViewRefused e) {
            return p.title() != null ? p.title() : p.view();
        }
    }

    /** Creates an empty dashboard with a time range, and opens it to add panels. */
    @PostMapping("/dashboards")
    public String create(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String sharing,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            RedirectAttributes redirect) {
        try {
            SavedView made = views.create(draft(
                    title,
                    description,
                    sharing,
                    null,
                    SavedView.DASHBOARD,
                    new SavedView.Search(null, blank(from), blank(to), null, null, null),
                    null,
                    List.of()));
            return "redirect:/dashboards/" + made.id();
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/views";
        }
    }

    /**
     * Adds a panel: a saved view ({@code view}) or what the form describes ({@code kind}, {@code field},
     * {@code metric}, {@code size}); with {@code keep}, what the form describes is also saved as a
     * visualisation of its own (shared like the dashboard) and the panel draws that.
     */
    @PostMapping("/dashboards/{id}/panels")
    public String addPanel(
            @PathVariable String id,
            @RequestParam int version,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String field,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer width,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String keep,
            RedirectAttributes redirect) {
        try {
            SavedView d = views.get(id);
            Panel panel;
            if (blank(view) != null) {
                panel = new Panel(blank(title), view.strip(), null, null, width);
            } else {
                Visual visual = new Visual(kind, blank(field), blank(metric), size).checked();
                SavedView.Search own = blank(q) == null ? null : new SavedView.Search(q, null, null, null, null, null);
                if (keep != null) {
                    String name = blank(title) == null ? visual.described() : title.strip();
                    SavedView made = views.create(
                            draft(name, null, d.sharing(), d.caseTag(), SavedView.VISUALISATION, own, visual, null));
                    panel = new Panel(null, made.id(), null, null, width);
                } else {
                    panel = new Panel(blank(title), null, visual, own, width);
                }
            }
            List<Panel> next = new ArrayList<>(d.panels() == null ? List.of() : d.panels());
            next.add(panel);
            views.update(id, withPanels(d, next, d.search()), version);
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dashboards/" + id;
    }

    @PostMapping("/dashboards/{id}/panels/{n}/delete")
    public String removePanel(
            @PathVariable String id, @PathVariable int n, @RequestParam int version, RedirectAttributes redirect) {
        try {
            SavedView d = views.get(id);
            List<Panel> next = new ArrayList<>(d.panels() == null ? List.of() : d.panels());
            if (n < 1 || n > next.size()) {
                throw new ViewRefused(404, "'" + d.title() + "' has no panel " + n + ".");
            }
            next.remove(n - 1);
            views.update(id, withPanels(d, next, d.search()), version);
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dashboards/" + id;
    }

    /** Shares the dashboard (private, everyone, or one role); its panels' saved views keep their own sharing. */
    @PostMapping("/dashboards/{id}/sharing")
    public String share(
            @PathVariable String id,
            @RequestParam int version,
            @RequestParam(required = false) String sharing,
            RedirectAttributes redirect) {
        try {
            SavedView d = views.get(id);
            SavedView next = views.update(
                    id,
                    draft(
                            d.title(),
                            d.description(),
                            sharing,
                            d.caseTag(),
                            d.viewType(),
                            d.search(),
                            d.visual(),
                            d.panels()),
                    version);
            redirect.addFlashAttribute("saved", "Shared: " + next.sharing() + ".");
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dashboards/" + id;
    }

    /** Saves the time range and filters on the page as the dashboard's own. */
    @PostMapping("/dashboards/{id}/bar")
    public String saveBar(
            @PathVariable String id,
            @RequestParam int version,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> f,
            RedirectAttributes redirect) {
        try {
            SavedView d = views.get(id);
            List<String> chips = clean(f);
            SavedView.Search bar =
                    new SavedView.Search(blank(q), blank(from), blank(to), chips.isEmpty() ? null : chips, null, null);
            views.update(id, withPanels(d, d.panels(), bar), version);
            redirect.addFlashAttribute("saved", "Saved the time range and filters.");
        } catch (InvalidSearch | ViewRefused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dashboards/" + id;
    }

    private static SavedView withPanels(SavedView d, List<Panel> panels, SavedView.Search bar) {
        return draft(d.title(), d.description(), d.sharing(), d.caseTag(), d.viewType(), bar, d.visual(), panels);
    }

    private static SavedView draft(
            String title,
            String description,
            String sharing,
            String caseTag,
            String kind,
            SavedView.Search search,
            Visual visual,
            List<Panel> panels) {
        return new SavedView(
                SavedView.TYPE,
                null,
                kind,
                title,
                description,
                null,
                sharing,
                caseTag,
                0,
                null,
                null,
                null,
                search,
                null,
                visual,
                panels);
    }

    private static boolean same(SavedView.Search a, SavedView.Search b) {
        return java.util.Objects.equals(blank(a.q()), blank(b.q()))
                && java.util.Objects.equals(blank(a.from()), blank(b.from()))
                && java.util.Objects.equals(blank(a.to()), blank(b.to()))
                && clean(a.filters()).equals(clean(b.filters()));
    }

    private static List<String> clean(List<String> f) {
        return f == null
                ? List.of()
                : f.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(String::strip)
                        .toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
