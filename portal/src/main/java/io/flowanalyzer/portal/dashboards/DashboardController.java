package io.flowanalyzer.portal.dashboards;

import io.flowanalyzer.portal.views.SavedView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One dashboard panel as JSON, asked for on its own ({@code /api/dashboards/{id}/panels/{n}}, and the
 * page's twin {@code /dashboards/{id}/panels/{n}/data}). With {@code bar} the time range and filters
 * given ({@code q}, {@code from}, {@code to}, repeated {@code f}) stand for the dashboard's saved bar, as
 * the page has them before they are saved.
 */
@RestController
public class DashboardController {
    private final DashboardPanels panels;

    public DashboardController(DashboardPanels panels) {
        this.panels = panels;
    }

    @GetMapping({"/api/dashboards/{id}/panels/{n}", "/dashboards/{id}/panels/{n}/data"})
    public PanelData panel(
            @PathVariable String id,
            @PathVariable int n,
            @RequestParam(required = false) String bar,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> f) {
        SavedView.Search given = bar == null ? null : new SavedView.Search(q, from, to, f, null, null);
        return panels.draw(id, n, given);
    }
}
