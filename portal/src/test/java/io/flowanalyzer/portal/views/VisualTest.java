package io.flowanalyzer.portal.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.portal.search.InvalidSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisualTest {
    @Test
    void aVisualIsStoredInItsCheckedFormWithoutThePartsItsKindDoesNotUse() {
        assertThat(new Visual("METRIC", "app", null, 5).checked())
                .isEqualTo(new Visual("metric", null, "sessions", null));
        assertThat(new Visual("top", null, "BYTES_DOWN", 20).checked())
                .isEqualTo(new Visual("top", "a_party", "bytes_down", 20));
        assertThat(new Visual("facet", "flag", "bytes_up", null).checked())
                .isEqualTo(new Visual("facet", "flag", null, null));
        assertThat(new Visual("graph", "APP", null, 30).checked()).isEqualTo(new Visual("graph", "app", null, 30));
        assertThat(new Visual("graph", null, null, null).checked()).isEqualTo(new Visual("graph", "ip", null, null));
        assertThat(new Visual("map", "app", "sessions", 3).checked()).isEqualTo(new Visual("map", null, null, null));
        assertThat(new Visual("quality", "SKEW", "sessions", 3).checked())
                .isEqualTo(new Visual("quality", "skew", null, null));
        assertThat(new Visual("quality", "skew", null, null).described()).isEqualTo("Clock skew against NAT/RADIUS");
        assertThat(new Visual("top", "a_party", "b_parties", 5).described())
                .isEqualTo("Top 5 A-parties by distinct B-parties");
        assertThat(new Visual("top", "app", "bytes_down", null).described()).isEqualTo("Top 10 apps by bytes down");
        assertThat(new Visual("top", "isp", null, 3).described()).isEqualTo("Top 3 ISPs by sessions");
        assertThat(new Visual("metric", null, "subscribers", null).described()).isEqualTo("Distinct subscribers");
    }

    @Test
    void aVisualThatCannotBeDrawnIsASentence() {
        assertThatThrownBy(() -> new Visual("pie", null, null, null).checked())
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("A panel is one of metric, histogram, facet, top, graph, map, table, quality; not 'pie'.");
        assertThatThrownBy(() -> new Visual("facet", "imsi", null, null).checked())
                .hasMessage("A panel counts by a_party, b_party, app, isp, flag, country; not 'imsi'.");
        assertThatThrownBy(() -> new Visual("top", "app", "money", null).checked())
                .hasMessage(
                        "A panel measures sessions, bytes_down, bytes_up, subscribers, b_parties, flagged; not 'money'.");
        assertThatThrownBy(() -> new Visual("table", null, null, 51).checked())
                .hasMessage("A panel shows 1 to 50 rows; not 51.");
        assertThatThrownBy(() -> new Visual("quality", "mood", null, null).checked())
                .hasMessage(
                        "A data-quality panel reports deliveries, coverage, rejects, missing, skew, duplicates; not 'mood'.");
        assertThatThrownBy(() -> new Visual("graph", "a_party", null, null).checked())
                .hasMessage("B-parties can be grouped by ip, app or as, not by 'a_party'.");
    }

    @Test
    void aPanelNeedsSomethingToDrawAndAWidthOfTheGrid() {
        assertThat(new Panel(" Apps ", null, new Visual("FACET", "app", null, null), null, 4).checked(1))
                .isEqualTo(new Panel("Apps", null, new Visual("facet", "app", null, null), null, 4));
        assertThat(new Panel("", "apps-and-services", null, null, null)
                        .checked(1)
                        .title())
                .isNull();
        assertThatThrownBy(() -> new Panel("x", null, null, null, 6).checked(2))
                .hasMessage("Panel 2 needs a saved view or a visualisation to draw.");
        assertThatThrownBy(() -> new Panel("x", null, new Visual("metric", null, null, null), null, 5).checked(3))
                .hasMessage("Panel 3: a panel is 3, 4, 6, 8 or 12 twelfths of a row wide; not 5.");
        assertThatThrownBy(() -> new Panel("x", "../admin", null, null, 6).checked(1))
                .hasMessage("Panel 1: '../admin' is not the id of a saved view.");
        assertThatThrownBy(() -> new Panel("x", null, new Visual("pie", null, null, null), null, 6).checked(4))
                .hasMessageStartingWith("Panel 4: A panel is one of");
        SavedView.Search bad = new SavedView.Search(null, null, null, List.of("moon:full"), null, null);
        assertThatThrownBy(() -> new Panel("x", null, new Visual("metric", null, null, null), bad, 6).checked(1))
                .hasMessageStartingWith("There is no filter called 'moon'");
    }

    @Test
    void aDashboardHoldsAtMost24CheckedPanels() {
        Panel one = new Panel(null, null, new Visual("metric", null, null, null), null, 3);
        List<Panel> many = new ArrayList<>(Collections.nCopies(25, one));
        assertThatThrownBy(() -> SavedViews.checked(dashboard(many)))
                .hasMessage("A dashboard holds at most 24 panels.");
        SavedView ok = SavedViews.checked(dashboard(many.subList(0, 24)));
        assertThat(ok.panels()).hasSize(24);
        assertThat(ok.url()).isEqualTo("/dashboards/d");
        assertThat(ok.search()).isEqualTo(new SavedView.Search(null, null, null, null, null, null));
        assertThatThrownBy(() -> SavedViews.checked(new SavedView(
                        null,
                        "v",
                        "visualisation",
                        "V",
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
                .hasMessage("A visualisation needs what it draws (visual: kind, field, metric, size).");
        assertThatThrownBy(() -> SavedViews.checked(new SavedView(
                        null, "v", "report", "V", null, null, null, null, 0, null, null, null, null, null, null, null)))
                .hasMessage("A view is a search, a visualisation or a dashboard; not 'report'.");
    }

    private static SavedView dashboard(List<Panel> panels) {
        return new SavedView(
                null, "d", "dashboard", "D", null, null, null, null, 0, null, null, null, null, null, null, panels);
    }
}
