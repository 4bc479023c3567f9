package io.flowanalyzer.portal.dashboards;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.portal.graph.Grouping;
import io.flowanalyzer.portal.graph.PartyGraph;
import io.flowanalyzer.portal.map.SessionMap;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.privacy.Masker;
import io.flowanalyzer.portal.quality.DataQuality;
import io.flowanalyzer.portal.search.Column;
import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.Histogram;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionAggregations;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.search.SessionResults;
import io.flowanalyzer.portal.search.SessionSearch;
import io.flowanalyzer.portal.views.Panel;
import io.flowanalyzer.portal.views.SavedView;
import io.flowanalyzer.portal.views.SavedViews;
import io.flowanalyzer.portal.views.ViewRefused;
import io.flowanalyzer.portal.views.Visual;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Draws one panel of a dashboard with its own aggregation query: the dashboard's time range and filter
 * bar, and on top of it the panel's own search (a saved view's, looked up as the viewer, or its own).
 * Each panel is asked for on its own, so one that fails (a view deleted, a search refused) shows its
 * sentence and the others still draw.
 */
@Service
public class DashboardPanels {
    private static final int MAX_ROWS = 10;

    private final SavedViews views;
    private final SessionQueries queries;
    private final SessionAggregations aggregations;
    private final SessionSearch search;
    private final PartyGraph graph;
    private final SessionMap map;
    private final IdentifierMasking masking;
    private final io.flowanalyzer.portal.graph.GraphAudit audit;
    private final DataQuality quality;

    public DashboardPanels(
            SavedViews views,
            SessionQueries queries,
            SessionAggregations aggregations,
            SessionSearch search,
            PartyGraph graph,
            SessionMap map,
            IdentifierMasking masking,
            io.flowanalyzer.portal.graph.GraphAudit audit,
            DataQuality quality) {
        this.audit = audit;
        this.quality = quality;
        this.views = views;
        this.queries = queries;
        this.aggregations = aggregations;
        this.search = search;
        this.graph = graph;
        this.map = map;
        this.masking = masking;
    }

    /** A dashboard as it draws: a visualisation is a dashboard of one panel, itself. */
    public record Board(SavedView view, List<Panel> panels) {}

    public Board board(String id) {
        SavedView v = views.get(id);
        if (SavedView.DASHBOARD.equals(v.viewType())) {
            return new Board(v, v.panels() == null ? List.of() : v.panels());
        }
        if (SavedView.VISUALISATION.equals(v.viewType())) {
            return new Board(v, List.of(new Panel(v.title(), v.id(), null, null, 12)));
        }
        throw new ViewRefused(
                404, "'" + v.title() + "' is a saved search, not a dashboard; open it on the sessions page.");
    }

    /** What a panel draws: its title, its visual and its own search (from the saved view it names, if any). */
    public record Resolved(String title, Visual visual, SavedView.Search own) {}

    public Resolved resolve(Panel panel) {
        if (panel.view() == null) {
            return new Resolved(panel.title(), panel.visual(), panel.search());
        }
        SavedView named;
        try {
            named = views.get(panel.view());
        } catch (ViewRefused e) {
            throw new InvalidSearch(
                    "The saved view '" + panel.view() + "' this panel draws is gone or not shared with you.");
        }
        Visual visual = panel.visual() != null
                ? panel.visual()
                : named.visual() != null ? named.visual() : new Visual(Visual.Kind.TABLE.key(), null, null, null);
        if (SavedView.DASHBOARD.equals(named.viewType())) {
            throw new InvalidSearch(
                    "A panel draws a saved search or a visualisation; '" + named.title() + "' is a dashboard.");
        }
        return new Resolved(panel.title() == null ? named.title() : panel.title(), visual, named.search());
    }

    /**
     * The sessions a panel counts: the bar's time range (or the panel's own, when the bar has none), the
     * query texts of both (each must match), the chips of both, the panel's columns and sort.
     */
    static SessionQuery combined(SavedView.Search bar, SavedView.Search own, int size) {
        SavedView.Search b = bar == null ? new SavedView.Search(null, null, null, null, null, null) : bar;
        SavedView.Search o = own == null ? new SavedView.Search(null, null, null, null, null, null) : own;
        boolean barTime = blank(b.from()) != null || blank(b.to()) != null;
        String q = blank(b.q()) == null
                ? blank(o.q())
                : blank(o.q()) == null ? blank(b.q()) : "(" + b.q().strip() + ") AND (" + o.q().strip() + ")";
        List<String> filters = new ArrayList<>();
        if (b.filters() != null) {
            filters.addAll(b.filters());
        }
        if (o.filters() != null) {
            filters.addAll(o.filters());
        }
        return new io.flowanalyzer.portal.search.SessionParams(
                        q,
                        barTime ? blank(b.from()) : blank(o.from()),
                        barTime ? blank(b.to()) : blank(o.to()),
                        filters,
                        o.sort(),
                        0,
                        size,
                        o.columns())
                .query(size);
    }

    /** Panel {@code n} (from 1) of dashboard {@code id}, under the bar {@code bar} (the page's, or the saved one). */
    public PanelData draw(String id, int n, SavedView.Search bar) {
        Board board = board(id);
        if (n < 1 || n > board.panels().size()) {
            throw new ViewRefused(404, "'" + board.view().title() + "' has no panel " + n + ".");
        }
        Resolved r = resolve(board.panels().get(n - 1));
        Visual visual = r.visual().checked();
        SessionQuery q = combined(bar == null ? board.view().search() : bar, r.own(), visual.sizeOr(MAX_ROWS));
        String title = r.title() == null ? visual.described() : r.title();
        return audit.asked(
                "dashboard_panel",
                "/dashboards/" + id,
                q,
                Map.of("panel", String.valueOf(n), "kind", visual.kind(), "title", title),
                () -> draw(title, visual, q),
                d -> d.sessions() < 0 ? d.described() : d.sessions() + " sessions");
    }

    PanelData draw(String title, Visual visual, SessionQuery q) {
        String url = q.url("/search");
        String described = visual.described();
        return switch (visual.kindOf()) {
            case METRIC -> metric(title, described, visual.metricOf(), q, url);
            case HISTOGRAM -> histogram(title, described, q, url);
            case FACET -> rows(
                    title, described, visual.facet(), Visual.Metric.SESSIONS, visual.sizeOr(MAX_ROWS), q, url, "facet");
            case TOP -> rows(
                    title, described, visual.facet(), visual.metricOf(), visual.sizeOr(MAX_ROWS), q, url, "top");
            case GRAPH -> graph(title, described, Grouping.of(visual.field()), visual.sizeOr(25), q, url);
            case MAP -> towers(title, described, q, url);
            case TABLE -> table(title, described, visual.sizeOr(MAX_ROWS), q, url);
            case QUALITY -> quality(title, described, visual.aspect(), q, url);
        };
    }

    private PanelData metric(String title, String described, Visual.Metric metric, SessionQuery q, String url) {
        Map<String, Aggregation> aggs = measure(metric);
        SearchResponse<Void> response = aggregations.run(queries.build(q), aggs);
        long total = total(response);
        Double value = metric == Visual.Metric.SESSIONS ? (double) total : value(metric, response.aggregations());
        return PanelData.of("metric", title, described, total, url)
                .label(metric.label())
                .value(value)
                .build();
    }

    private PanelData histogram(String title, String described, SessionQuery q, String url) {
        SessionResults results = search.execute(q, EnumSet.of(SessionSearch.Part.HISTOGRAM));
        Histogram h = results.histogram();
        List<PanelData.Bucket> buckets = h.buckets().stream()
                .map(b -> new PanelData.Bucket(b.from().toString(), b.count()))
                .toList();
        return PanelData.of("histogram", title, described, results.total(), url)
                .interval(h.interval())
                .buckets(buckets)
                .build();
    }

    private PanelData rows(
            String title,
            String described,
            Facet facet,
            Visual.Metric metric,
            int size,
            SessionQuery q,
            String url,
            String kind) {
        Map<String, Aggregation> sub = metric == Visual.Metric.SESSIONS ? Map.of() : measure(metric);
        Aggregation terms = Aggregation.of(a -> a.terms(t -> {
                    t.field(facet.field()).size(size).shardSize(Facet.SHARD_SIZE);
                    if (metric != Visual.Metric.SESSIONS) {
                        t.order(List.of(co.elastic.clients.util.NamedValue.of(metric.key(), SortOrder.Desc)));
                    }
                    return t;
                })
                .aggregations(sub));
        SearchResponse<Void> response = aggregations.run(queries.build(q), Map.of("rows", terms));
        Masker masker = masking == null ? Masker.NONE : masking.current();
        boolean mask = facet.identifies() && masker.active();
        List<PanelData.Row> rows = new ArrayList<>();
        Aggregate agg = response.aggregations().get("rows");
        List<Bucketed> buckets = new ArrayList<>();
        if (agg.isSterms()) {
            for (var b : agg.sterms().buckets().array()) {
                buckets.add(new Bucketed(b.key().stringValue(), b.docCount(), b.aggregations()));
            }
        } else if (agg.isLterms()) {
            for (var b : agg.lterms().buckets().array()) {
                buckets.add(new Bucketed(
                        b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()),
                        b.docCount(),
                        b.aggregations()));
            }
        }
        for (Bucketed b : buckets) {
            String value = mask ? masker.value(b.key()) : b.key();
            Double measure = metric == Visual.Metric.SESSIONS ? null : value(metric, b.aggregations());
            String chip = mask
                    ? null
                    : q.withFilter(new Filter(facet.filter(), b.key(), false)).url("/search");
            rows.add(new PanelData.Row(value, b.count(), measure, chip));
        }
        String label = metric == Visual.Metric.SESSIONS ? facet.label() : metric.label();
        return PanelData.of(kind, title, described, total(response), url)
                .label(label)
                .rows(rows)
                .build();
    }

    private record Bucketed(String key, long count, Map<String, Aggregate> aggregations) {}

    private PanelData graph(String title, String described, Grouping group, int links, SessionQuery q, String url) {
        PartyGraph.Graph g = graph.build(q, group);
        List<PartyGraph.Link> busiest = g.links().stream()
                .sorted((x, y) -> Long.compare(y.sessions(), x.sessions()))
                .limit(links)
                .toList();
        Set<String> named = new HashSet<>();
        for (PartyGraph.Link l : busiest) {
            named.add(l.a());
            named.add(l.b());
        }
        List<PartyGraph.Node> nodes =
                g.nodes().stream().filter(node -> named.contains(node.id())).toList();
        boolean all = busiest.size() == g.links().size() && g.complete();
        PartyGraph.Graph drawn = new PartyGraph.Graph(
                g.sessions(), g.unattributed(), g.group(), all, nodes, busiest, List.of(), g.note(), g.masked());
        String note = all ? null : "The " + busiest.size() + " busiest links; open the graph for all of them.";
        return PanelData.of(
                        "graph",
                        title,
                        described,
                        g.sessions(),
                        q.url("/graph", u -> u.queryParam("group", group.key())))
                .graph(drawn)
                .note(note)
                .build();
    }

    private PanelData towers(String title, String described, SessionQuery q, String url) {
        SessionMap.Towers t = map.cells(q, null);
        String note = t.cut() ? "The busiest " + t.towers().size() + " of " + t.cells() + " cells." : null;
        return PanelData.of("map", title, described, t.sessions(), q.url("/map"))
                .towers(t.towers())
                .note(note)
                .build();
    }

    private PanelData table(String title, String described, int size, SessionQuery q, String url) {
        SessionResults results = search.execute(q, EnumSet.of(SessionSearch.Part.HITS));
        List<Column> columns = q.columns();
        List<PanelData.TableRow> rows = new ArrayList<>();
        for (SessionResults.Hit hit : results.hits()) {
            List<String> cells = new ArrayList<>();
            for (Column c : columns) {
                cells.add(c.cell(hit.source()).text());
            }
            String id = io.flowanalyzer.portal.search.Documents.text(hit.source(), Fields.EVENT_ID);
            rows.add(new PanelData.TableRow(cells, id == null ? null : "/sessions/" + id));
        }
        String note = results.total() > rows.size()
                ? "The latest " + rows.size() + " of " + String.format("%,d", results.total()) + " sessions."
                : null;
        return PanelData.of("table", title, described, results.total(), url)
                .columns(columns.stream().map(Column::header).toList())
                .table(rows)
                .note(note)
                .build();
    }

    private PanelData quality(String title, String described, DataQuality.Aspect aspect, SessionQuery q, String url) {
        DataQuality.Report r = quality.report(aspect, q);
        List<PanelData.Bucket> buckets = r.days() == null
                ? null
                : r.days().stream()
                        .map(d -> new PanelData.Bucket(d.from(), d.count()))
                        .toList();
        List<PanelData.Row> rows = r.reasons() == null
                ? null
                : r.reasons().stream()
                        .map(x -> new PanelData.Row(x.value(), x.count(), null, x.url()))
                        .toList();
        long sessions = aspect == DataQuality.Aspect.COVERAGE && r.days() != null
                ? r.days().stream().mapToLong(DataQuality.Day::count).sum()
                : -1;
        // deliveries and rejects open on their own pages, the records' aspects on the sessions page
        List<String> isps = DataQuality.isps(q);
        String where = isps.isEmpty()
                ? null
                : String.join(
                        " OR ",
                        isps.stream()
                                .map(i -> "isp:\"" + i.replace("\"", "\\\"") + "\"")
                                .toList());
        String opens =
                switch (aspect) {
                    case DELIVERIES, DUPLICATES -> page("/deliveries", where);
                    case REJECTS -> page("/rejects", where);
                    default -> url;
                };
        return PanelData.of("quality", title, described, sessions, opens)
                .label(aspect.key())
                .interval(buckets == null ? null : "1d")
                .buckets(buckets)
                .rows(rows)
                .note(r.note())
                .facts(r.facts())
                .build();
    }

    private static String page(String path, String q) {
        var b = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
        if (q != null) {
            b.queryParam("q", q);
        }
        return b.encode().build().toUriString();
    }

    /** The aggregation a measure needs, named by its key (none for sessions: the count is the hits' total). */
    private static Map<String, Aggregation> measure(Visual.Metric metric) {
        if (metric == Visual.Metric.SESSIONS) {
            return Map.of();
        }
        Aggregation a = metric.summed()
                ? Aggregation.of(x -> x.sum(s -> s.field(metric.field())))
                : metric.distinct()
                        ? Aggregation.of(
                                x -> x.cardinality(c -> c.field(metric.field()).precisionThreshold(40000)))
                        : Aggregation.of(x -> x.filter(f -> f.exists(e -> e.field(metric.field()))));
        return Map.of(metric.key(), a);
    }

    private static Double value(Visual.Metric metric, Map<String, Aggregate> aggs) {
        Aggregate a = aggs.get(metric.key());
        if (a == null) {
            return null;
        }
        if (metric.summed()) {
            return a.sum().value();
        }
        if (metric.distinct()) {
            return (double) a.cardinality().value();
        }
        return (double) a.filter().docCount();
    }

    private static long total(SearchResponse<Void> response) {
        return response.hits().total() == null ? 0 : response.hits().total().value();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
