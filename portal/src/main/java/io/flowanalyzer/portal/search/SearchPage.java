package io.flowanalyzer.portal.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sessions page's model, every link already built from the search it shows (chips, facets,
 * sorting, paging and presets each change one thing in it), so the template only lays it out.
 */
public record SearchPage(
        SessionQuery query,
        List<Chip> chips,
        List<Link> presets,
        List<Header> headers,
        List<Row> rows,
        List<FacetBox> facets,
        Bars histogram,
        String newerUrl,
        String olderUrl,
        long pages,
        List<Choice> columns) {

    private static final String PATH = "/search";
    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /**
     * The results table's rows as HTML, every value escaped. Written here rather than in the template:
     * fifty rows of a dozen cells through the template engine's expressions cost 20–30 ms a page on this
     * kind of machine, more than the search itself; this costs well under one.
     */
    public String rowsHtml() {
        StringBuilder html = new StringBuilder(rows.size() * 1200 + 200);
        for (Row r : rows) {
            html.append("<tr>");
            boolean first = true;
            for (Shown s : r.cells()) {
                Cell cell = s.cell();
                String title = cell.title() == null ? null : escape(cell.title());
                html.append("<td class=\"")
                        .append(escape(s.css() + (cell.hit() ? " hit" : "")))
                        .append("\">");
                if (first && r.detailUrl() != null) {
                    html.append("<a href=\"")
                            .append(escape(r.detailUrl()))
                            .append("\" class=\"detail\" title=\"Open the record\">")
                            .append(escape(cell.text() == null ? "open" : cell.text()))
                            .append("</a>");
                } else {
                    html.append("<span");
                    if (title != null) {
                        html.append(" title=\"").append(title).append('"');
                    }
                    if ("flags".equals(s.css()) && cell.text() != null) {
                        html.append(" class=\"flag\"");
                    }
                    html.append('>').append(escape(cell.text())).append("</span>");
                }
                if (cell.sub() != null) {
                    html.append("<small class=\"sub\"");
                    if (title != null) {
                        html.append(" title=\"").append(title).append('"');
                    }
                    html.append('>').append(escape(cell.sub())).append("</small>");
                }
                html.append("</td>");
                first = false;
            }
            html.append("</tr>\n");
        }
        if (rows.isEmpty()) {
            html.append("<tr><td colspan=\"")
                    .append(headers.size())
                    .append(
                            "\" class=\"empty\">No sessions match. Widen the time range, remove a filter or simplify the")
                    .append(" query.</td></tr>");
        }
        return html.toString();
    }

    /** The facet boxes as HTML (like the rows, escaped here: a few hundred links). */
    public String facetsHtml() {
        StringBuilder html = new StringBuilder(facets.size() * 2500);
        for (FacetBox fb : facets) {
            html.append("<section class=\"facet\" data-facet=\"")
                    .append(escape(fb.key()))
                    .append("\"><h3>")
                    .append(escape(fb.label()));
            if (fb.approximate()) {
                html.append(" <abbr class=\"approximate\" title=\"")
                        .append(APPROXIMATE)
                        .append("\">≈</abbr>");
            }
            html.append("</h3><ul>");
            for (FacetValue v : fb.values()) {
                html.append(v.active() ? "<li class=\"active\">" : "<li>");
                String count = String.format(java.util.Locale.ROOT, "%,d", v.count());
                if (v.addUrl() != null) {
                    html.append("<a class=\"add-value\" href=\"")
                            .append(escape(v.addUrl()))
                            .append("\" title=\"Only ")
                            .append(escape(v.value()))
                            .append("\"><span class=\"value\">")
                            .append(escape(v.value()))
                            .append("</span><span class=\"count\">")
                            .append(count)
                            .append("</span></a>");
                    if (v.excludeUrl() != null) {
                        html.append("<a class=\"exclude\" href=\"")
                                .append(escape(v.excludeUrl()))
                                .append("\" title=\"Leave out ")
                                .append(escape(v.value()))
                                .append("\" aria-label=\"Exclude\">&minus;</a>");
                    }
                } else {
                    html.append("<span class=\"add-value masked\" title=\"Masked identifier\"><span class=\"value\">")
                            .append(escape(v.value()))
                            .append("</span><span class=\"count\">")
                            .append(count)
                            .append("</span></span>");
                }
                html.append("</li>");
            }
            if (fb.values().isEmpty()) {
                html.append("<li class=\"none\">none</li>");
            }
            html.append("</ul></section>\n");
        }
        return html.toString();
    }

    /** The histogram's bars as SVG elements, each with its time span for brushing and its count. */
    public String barsHtml() {
        if (histogram == null) {
            return "";
        }
        StringBuilder html = new StringBuilder(histogram.bars().size() * 300);
        for (Bar b : histogram.bars()) {
            html.append("<rect class=\"bar\" x=\"")
                    .append(b.x())
                    .append("\" y=\"")
                    .append(b.y())
                    .append("\" width=\"")
                    .append(b.width())
                    .append("\" height=\"")
                    .append(b.height())
                    .append("\" data-from=\"")
                    .append(escape(b.from()))
                    .append("\" data-to=\"")
                    .append(escape(b.to()))
                    .append("\" data-count=\"")
                    .append(b.count())
                    .append("\"><title>")
                    .append(escape(b.title()))
                    .append("</title></rect>");
        }
        return html.toString();
    }

    static final String APPROXIMATE = "Counts may be a little short: a value was not among the top values of every"
            + " day searched. Narrow the time range or add a filter for exact counts.";

    /**
     * The five characters that matter in HTML text and quoted attributes, as HtmlUtils writes them for
     * UTF-8; a page escapes thousands of short values, most with nothing to escape, so those are returned
     * as they are.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        while (i < text.length() && !special(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean special(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
    }

    public record Chip(String label, String removeUrl, boolean excluded) {}

    public record Link(String label, String url, boolean active) {}

    public record Header(String label, String css, String sortUrl, String sorted) {}

    public record Row(String detailUrl, List<Shown> cells) {}

    public record Shown(Cell cell, String css) {}

    /** A facet's top values; {@code approximate} when a count may be a little short. */
    public record FacetBox(String key, String label, List<FacetValue> values, boolean approximate) {}

    public record FacetValue(String value, long count, String addUrl, String excludeUrl, boolean active) {}

    public record Choice(String key, String label, boolean checked) {}

    /** The histogram drawn as bars in a 1000 × 100 box; each bar knows its time span for brushing. */
    public record Bars(List<Bar> bars, String firstLabel, String lastLabel, String interval, long max) {}

    public record Bar(
            double x, double y, double width, double height, String from, String to, long count, String title) {}

    static final List<String[]> PRESETS = List.of(
            new String[] {"Last 24 hours", "now-24h"},
            new String[] {"7 days", "now-7d"},
            new String[] {"30 days", "now-30d"},
            new String[] {"90 days", "now-90d"},
            new String[] {"1 year", "now-1y"},
            new String[] {"All time", ""});

    public static SearchPage of(SessionQuery q, SessionResults results, List<String> addresses) {
        return of(q, results, addresses, Filter::label);
    }

    /** The chips of a search, each named by {@code label} and removed by the address {@code removed} gives the search without it. */
    public static List<Chip> chips(
            SessionQuery q,
            java.util.function.Function<Filter, String> label,
            java.util.function.Function<SessionQuery, String> removed) {
        List<Chip> chips = new ArrayList<>();
        for (Filter f : q.filters()) {
            chips.add(new Chip(label.apply(f), removed.apply(q.without(f)), f.excluded()));
        }
        return chips;
    }

    /** The page, with {@code label} naming each chip (a list chip by what the list holds, not its id). */
    public static SearchPage of(
            SessionQuery q,
            SessionResults results,
            List<String> addresses,
            java.util.function.Function<Filter, String> label) {
        List<Chip> chips = chips(q, label, without -> without.url(PATH));
        List<Link> presets = new ArrayList<>();
        for (String[] p : PRESETS) {
            boolean active = p[1].equals(q.from() == null ? "" : q.from()) && (q.to() == null || q.to().isBlank());
            presets.add(new Link(p[0], q.withRange(p[1], null).url(PATH), active));
        }
        List<Header> headers = new ArrayList<>();
        for (Column c : q.columns()) {
            String sorted = c == q.sort() ? (q.descending() ? "descending" : "ascending") : null;
            headers.add(new Header(
                    c.header(),
                    c.css(),
                    c.sortField() == null ? null : q.sortedBy(c).url(PATH),
                    sorted));
        }
        List<Row> rows = new ArrayList<>();
        List<io.flowanalyzer.model.reference.Cidr> blocks = SessionSearch.blocks(addresses);
        for (SessionResults.Hit hit : results.hits()) {
            Set<String> marks = SessionSearch.marks(hit.matched(), blocks, hit.source());
            List<Shown> cells = new ArrayList<>();
            for (Column c : q.columns()) {
                boolean hitCell = c.matchFields().stream().anyMatch(marks::contains);
                cells.add(new Shown(c.cell(hit.source()).hit(hitCell), c.css()));
            }
            String id = Documents.text(hit.source(), "event.id");
            rows.add(new Row(id == null ? null : q.url("/sessions/" + id, b -> {}), cells));
        }
        List<FacetBox> facets = new ArrayList<>();
        for (Map.Entry<Facet, List<Facet.Count>> e : results.facets().entrySet()) {
            Facet facet = e.getKey();
            List<FacetValue> values = new ArrayList<>();
            for (Facet.Count c : e.getValue()) {
                if (c.value().startsWith(io.flowanalyzer.portal.privacy.Masker.PREFIX)) {
                    // a pseudonym filters nothing: shown with its count, not as a link
                    values.add(new FacetValue(c.value(), c.count(), null, null, false));
                    continue;
                }
                Filter add = new Filter(facet.filter(), c.value(), false);
                boolean active = q.filters().contains(add);
                values.add(new FacetValue(
                        facet == Facet.FLAG ? c.value().replace('_', ' ') : c.value(),
                        c.count(),
                        q.withFilter(add).url(PATH),
                        q.withFilter(new Filter(facet.filter(), c.value(), true))
                                .url(PATH),
                        active));
            }
            facets.add(new FacetBox(
                    facet.key(), facet.label(), values, results.approximate().contains(facet)));
        }
        long reachable = Math.min(results.total(), DocumentSearch.MAX_WINDOW);
        long pages = q.size() <= 0 ? 0 : (reachable + q.size() - 1) / q.size();
        List<Choice> choices = new ArrayList<>();
        for (Column c : Column.values()) {
            choices.add(new Choice(c.key(), c.header(), q.columns().contains(c)));
        }
        return new SearchPage(
                q,
                chips,
                presets,
                headers,
                rows,
                facets,
                bars(results.histogram()),
                q.page() > 0 ? q.withPage(q.page() - 1).url(PATH) : null,
                q.page() + 1 < pages ? q.withPage(q.page() + 1).url(PATH) : null,
                pages,
                choices);
    }

    static Bars bars(Histogram h) {
        if (h.buckets().isEmpty()) {
            return null;
        }
        long max = Math.max(1, h.max());
        double width = 1000.0 / h.buckets().size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < h.buckets().size(); i++) {
            Histogram.Bucket b = h.buckets().get(i);
            double height = b.count() == 0 ? 0 : Math.max(1.5, 100.0 * b.count() / max);
            bars.add(new Bar(
                    round(i * width),
                    round(100 - height),
                    round(Math.max(0.5, width - (width > 4 ? 1 : 0))),
                    round(height),
                    b.from().toString(),
                    b.to().minusMillis(1).toString(),
                    b.count(),
                    LABEL.format(b.from()) + " – " + LABEL.format(b.to()) + " UTC: " + String.format("%,d", b.count())
                            + (b.count() == 1 ? " session" : " sessions")));
        }
        Instant first = h.buckets().get(0).from();
        Instant last = h.buckets().get(h.buckets().size() - 1).to();
        return new Bars(bars, LABEL.format(first), LABEL.format(last), h.interval(), h.max());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The query bar's fields as the page was asked (the graph, map and timeline pages). */
    public static void bar(org.springframework.ui.Model model, SessionParams params) {
        model.addAttribute("q", params.q() == null ? "" : params.q());
        model.addAttribute("from", params.from() == null ? "" : params.from());
        model.addAttribute("to", params.to() == null ? "" : params.to());
    }
}
