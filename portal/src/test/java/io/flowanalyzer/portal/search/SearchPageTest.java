package io.flowanalyzer.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every link on the sessions page changes one thing in the search and keeps the rest. */
class SearchPageTest {

    private static SessionQuery query(String sort, String page, String... filters) {
        return new SessionParams(
                        "app:WhatsApp",
                        "now-7d",
                        null,
                        List.of(filters),
                        sort,
                        page == null ? null : Integer.valueOf(page),
                        null,
                        null)
                .query(50);
    }

    @Test
    void aSearchIsItsUrl() {
        SessionQuery q = query("-bytes_up", "2", "isp:jio", "-flag:watch_list");
        assertThat(q.url("/search"))
                .isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&f=-flag:watch_list&sort=-bytes_up&page=2");
        assertThat(query(null, null).url("/search")).isEqualTo("/search?q=app:WhatsApp&from=now-7d");
        SessionQuery odd = new SessionParams(
                        "a&b=c #\"x\"", null, null, List.of("ip:10.0.0.0/8"), null, null, null, List.of("start,app"))
                .query(50);
        assertThat(odd.url("/search")).isEqualTo("/search?q=a%26b%3Dc%20%23%22x%22&f=ip:10.0.0.0/8&col=start,app");
    }

    @Test
    void chipsFacetsSortingAndPagingEachChangeOneThing() {
        SessionQuery q = query(null, "3", "isp:jio");
        Map<String, Object> doc = Map.of(
                "event", Map.of("id", "abc", "start", "2024-03-01T00:00:00Z"),
                "destination", Map.of("ip", "157.240.1.35", "port", 443),
                "ipdr", Map.of("b_party", Map.of("app", "WhatsApp")));
        SessionResults results = new SessionResults(
                1_000,
                List.of(new SessionResults.Hit(doc, Set.of("ipdr.b_party.app"))),
                Map.of(Facet.APP, List.of(new Facet.Count("WhatsApp", 263), new Facet.Count("Telegram", 174))),
                new Histogram(
                        "1h",
                        List.of(
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T00:00:00Z"),
                                        Instant.parse("2024-03-01T01:00:00Z"),
                                        10),
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T01:00:00Z"),
                                        Instant.parse("2024-03-01T02:00:00Z"),
                                        0),
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T02:00:00Z"),
                                        Instant.parse("2024-03-01T03:00:00Z"),
                                        5))));
        SearchPage page = SearchPage.of(q, results, List.of("157.240.0.0/16"));

        assertThat(page.chips())
                .containsExactly(new SearchPage.Chip("ISP: jio", "/search?q=app:WhatsApp&from=now-7d", false));
        SearchPage.FacetBox apps = page.facets().get(0);
        assertThat(apps.values().get(1).addUrl())
                .isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&f=app:Telegram");
        assertThat(apps.values().get(1).excludeUrl())
                .isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&f=-app:Telegram");
        assertThat(page.newerUrl()).isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&page=2");
        assertThat(page.olderUrl()).isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&page=4");
        assertThat(page.pages()).isEqualTo(20);
        assertThat(page.headers().get(0))
                .isEqualTo(new SearchPage.Header(
                        "Start (UTC)",
                        "time",
                        "/search?q=app:WhatsApp&from=now-7d&f=isp:jio&sort=start",
                        "descending"));
        assertThat(page.headers().get(11).sortUrl())
                .isEqualTo("/search?q=app:WhatsApp&from=now-7d&f=isp:jio&sort=-bytes_up");
        assertThat(page.presets().get(1))
                .isEqualTo(new SearchPage.Link("7 days", "/search?q=app:WhatsApp&from=now-7d&f=isp:jio", true));
        assertThat(page.presets().get(5).url()).isEqualTo("/search?q=app:WhatsApp&f=isp:jio");

        SearchPage.Row row = page.rows().get(0);
        assertThat(row.detailUrl()).isEqualTo("/sessions/abc?q=app:WhatsApp&from=now-7d&f=isp:jio&page=3");
        // the app matched by the query and the destination inside the network the search names are marked
        assertThat(row.cells().stream().filter(c -> c.cell().hit()).map(c -> c.cell()
                        .text()))
                .containsExactly("157.240.1.35:443", "WhatsApp");

        SearchPage.Bars bars = page.histogram();
        assertThat(bars.bars()).hasSize(3);
        assertThat(bars.bars().get(0))
                .isEqualTo(new SearchPage.Bar(
                        0,
                        0,
                        332.33,
                        100,
                        "2024-03-01T00:00:00Z",
                        "2024-03-01T00:59:59.999Z",
                        10,
                        "2024-03-01 00:00 – 2024-03-01 01:00 UTC: 10 sessions"));
        assertThat(bars.bars().get(1).height()).isZero();
        assertThat(bars.bars().get(2).height()).isEqualTo(50);
        assertThat(bars.firstLabel()).isEqualTo("2024-03-01 00:00");
        assertThat(bars.lastLabel()).isEqualTo("2024-03-01 03:00");
    }

    @Test
    void theHistogramIntervalIsTheSmallestReadableOneGivingAtMostSixtyBars() {
        assertThat(Interval.forSpan(Duration.ZERO, 60).name()).isEqualTo("1s");
        assertThat(Interval.forSpan(Duration.ofHours(1), 60).name()).isEqualTo("5m");
        assertThat(Interval.forSpan(Duration.ofHours(24), 60).name()).isEqualTo("30m");
        assertThat(Interval.forSpan(Duration.ofDays(2), 60).name()).isEqualTo("1h");
        assertThat(Interval.forSpan(Duration.ofDays(29), 60).name()).isEqualTo("12h");
        assertThat(Interval.forSpan(Duration.ofDays(30), 60).name()).isEqualTo("1d");
        assertThat(Interval.forSpan(Duration.ofDays(365), 60).name()).isEqualTo("7d");
        assertThat(Interval.forSpan(Duration.ofDays(1500), 60).name()).isEqualTo("1M");
        assertThat(Interval.forSpan(Duration.ofDays(3650), 60).name()).isEqualTo("1q");
        assertThat(Interval.forSpan(Duration.ofDays(36500), 60).name()).isEqualTo("1y");
        Instant start = Instant.parse("2024-01-31T00:00:00Z");
        assertThat(Interval.forSpan(Duration.ofDays(1500), 60).after(start))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(Interval.forSpan(Duration.ofDays(365), 60).after(start))
                .isEqualTo(Instant.parse("2024-02-07T00:00:00Z"));
    }

    @Test
    void theRowsAreHtmlWithEveryDeliveredValueEscaped() {
        SessionQuery q = new SessionParams(null, null, null, List.of(), null, null, null, List.of("start,a_party,cell"))
                .query(50);
        Map<String, Object> doc = Map.of(
                "event",
                Map.of("id", "abc", "start", "2024-03-01T00:00:00Z"),
                "ipdr",
                Map.of(
                        "a_party", Map.of("msisdn", "919876543210", "name", "Asha <b>Rao</b>"),
                        "cell", Map.of("id", "<script>alert(1)</script>")));
        SearchPage page = SearchPage.of(
                q,
                new SessionResults(1, List.of(new SessionResults.Hit(doc, Set.of())), Map.of(), Histogram.empty()),
                List.of());
        assertThat(page.rowsHtml())
                .isEqualTo("<tr><td class=\"time\"><a href=\"/sessions/abc?col=start,a_party,cell\" class=\"detail\""
                        + " title=\"Open the record\">2024-03-01T00:00:00Z</a></td><td class=\"id\"><span title=\"Name in"
                        + " the subscriber directory\">919876543210</span><small class=\"sub\" title=\"Name in the"
                        + " subscriber directory\">Asha &lt;b&gt;Rao&lt;/b&gt;</small></td><td class=\"\"><span>&lt;script"
                        + "&gt;alert(1)&lt;/script&gt;</span></td></tr>\n");
        assertThat(SearchPage.of(q, new SessionResults(0, List.of(), Map.of(), Histogram.empty()), List.of())
                        .rowsHtml())
                .isEqualTo("<tr><td colspan=\"3\" class=\"empty\">No sessions match. Widen the time range, remove a"
                        + " filter or simplify the query.</td></tr>");
    }

    @Test
    void escapesTheFiveHtmlCharactersAndNothingElse() {
        assertThat(SearchPage.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assertThat(SearchPage.escape("<")).isEqualTo("&lt;");
        assertThat(SearchPage.escape(null)).isEmpty();
        String plain = "2001:db8::1 → 919876543210 ≈ Ü";
        assertThat(SearchPage.escape(plain)).isSameAs(plain);
        for (String s : List.of("", "x", "&&", "\"'\"'", "tail<", "Asha <b>Rao</b> & co.", "é<ü>ß", "\u0000<\n>")) {
            assertThat(SearchPage.escape(s)).isEqualTo(org.springframework.web.util.HtmlUtils.htmlEscape(s, "UTF-8"));
        }
    }

    @Test
    void aFacetWhoseCountsMayBeShortSaysSo() {
        SessionQuery q = query(null, null);
        SessionResults results = new SessionResults(
                30,
                List.of(),
                Map.of(
                        Facet.A_PARTY,
                        List.of(new Facet.Count("919800000001", 20)),
                        Facet.APP,
                        List.of(new Facet.Count("Signal <b>", 1_234))),
                Histogram.empty(),
                Set.of(Facet.A_PARTY));
        String html = SearchPage.of(q, results, List.of()).facetsHtml();
        assertThat(html)
                .contains(
                        "<section class=\"facet\" data-facet=\"a_party\"><h3>Top A-parties <abbr class=\"approximate\""
                                + " title=\"" + SearchPage.APPROXIMATE + "\">≈</abbr></h3>")
                .contains("<h3>Apps</h3>")
                .contains("<span class=\"value\">Signal &lt;b&gt;</span><span class=\"count\">1,234</span>")
                .contains("href=\"/search?q=app:WhatsApp&amp;from=now-7d&amp;f=app:Signal%20%3Cb%3E\"");
    }
}
