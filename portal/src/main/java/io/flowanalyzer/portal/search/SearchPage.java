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

    public record Chip(String label, String removeUrl, boolean excluded) {}

    public record Link(String label, String url, boolean active) {}

    public record Header(String label, String css, String sortUrl, String sorted) {}

    public record Row(String detailUrl, List<Shown> cells) {}

    public record Shown(Cell cell, String css) {}

    public record FacetBox(String key, String label, List<FacetValue> values) {}

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

    /** The page, with {@code label} naming each chip (a list chip by what the list holds, not its id). */
    public static SearchPage of(
            SessionQuery q,
            SessionResults results,
            List<String> addresses,
            java.util.function.Function<Filter, String> label) {
        List<Chip> chips = new ArrayList<>();
        for (Filter f : q.filters()) {
            chips.add(new Chip(label.apply(f), q.without(f).url(PATH), f.excluded()));
        }
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
        for (SessionResults.Hit hit : results.hits()) {
            Set<String> marks = SessionSearch.marks(hit.matched(), addresses, hit.source());
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
            facets.add(new FacetBox(facet.key(), facet.label(), values));
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
}
