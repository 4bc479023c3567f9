package io.flowanalyzer.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.views.SavedView;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardPanelsTest {
    @Test
    void aPanelCountsTheSessionsOfTheBarAndOfItsOwnSearchTogether() {
        SavedView.Search bar = new SavedView.Search("isp:jio", "now-7d", null, List.of("flag:watch_list"), null, null);
        SavedView.Search own = new SavedView.Search(
                "app:WhatsApp OR app:Telegram",
                "2024-01-01",
                "2024-02-01",
                List.of("-country:IN"),
                List.of("start", "a_party"),
                "-bytes_down");
        SessionQuery q = DashboardPanels.combined(bar, own, 8);
        assertThat(q.q()).isEqualTo("(isp:jio) AND (app:WhatsApp OR app:Telegram)");
        // the bar's time range stands for every panel
        assertThat(q.from()).isEqualTo("now-7d");
        assertThat(q.to()).isNull();
        assertThat(q.filters()).extracting(f -> f.param()).containsExactly("flag:watch_list", "-country:IN");
        assertThat(q.size()).isEqualTo(8);
        assertThat(q.sortParam()).isEqualTo("-bytes_down");
        assertThat(q.url("/search"))
                .isEqualTo("/search?q=(isp:jio)%20AND%20(app:WhatsApp%20OR%20app:Telegram)&from=now-7d"
                        + "&f=flag:watch_list&f=-country:IN&sort=-bytes_down&col=start,a_party");
    }

    @Test
    void withoutATimeRangeInTheBarThePanelKeepsItsOwn() {
        SavedView.Search own = new SavedView.Search(null, "2024-01-01", "2024-02-01", null, null, null);
        SessionQuery q =
                DashboardPanels.combined(new SavedView.Search("isp:jio", null, null, null, null, null), own, 10);
        assertThat(q.q()).isEqualTo("isp:jio");
        assertThat(q.from()).isEqualTo("2024-01-01");
        assertThat(q.to()).isEqualTo("2024-02-01");
        SessionQuery none = DashboardPanels.combined(null, null, 10);
        assertThat(none.q()).isNull();
        assertThat(none.filters()).isEmpty();
        assertThat(none.url("/search")).isEqualTo("/search");
    }
}
