package io.flowanalyzer.portal.dashboards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one dashboard panel draws, as its script reads it: {@code kind}, {@code title}, {@code sessions}
 * (the panel's matches), {@code url} (those sessions on the sessions page), and the part its kind uses —
 * {@code value} for a metric, {@code buckets} for a histogram, {@code rows} for a facet table or a top-N,
 * {@code graph}, {@code towers} for a map, {@code columns} and {@code table} for the latest sessions.
 * {@code facts} for a data-quality report. {@code note} says when a panel shows part of what matched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PanelData(
        String kind,
        String title,
        String described,
        long sessions,
        String url,
        String label,
        Double value,
        String interval,
        List<Bucket> buckets,
        List<Row> rows,
        io.flowanalyzer.portal.graph.PartyGraph.Graph graph,
        List<io.flowanalyzer.portal.map.SessionMap.Tower> towers,
        List<String> columns,
        List<TableRow> table,
        String note,
        List<io.flowanalyzer.portal.quality.DataQuality.Fact> facts) {

    /** A histogram bucket: its start and its sessions. */
    public record Bucket(String from, long count) {}

    /** A value of a facet table or a top-N: its sessions, the measure it is ranked by, its sessions on the sessions page. */
    public record Row(String value, long sessions, Double measure, String url) {}

    /** A session of the latest-sessions table: its cells in column order and its page. */
    public record TableRow(List<String> cells, String url) {}

    /** A panel's answer, built part by part: {@code of(...)} then what its kind draws, then {@code build()}. */
    static Builder of(String kind, String title, String described, long sessions, String url) {
        return new Builder(kind, title, described, sessions, url);
    }

    static final class Builder {
        private final String kind;
        private final String title;
        private final String described;
        private final long sessions;
        private final String url;
        private String label;
        private Double value;
        private String interval;
        private List<Bucket> buckets;
        private List<Row> rows;
        private io.flowanalyzer.portal.graph.PartyGraph.Graph graph;
        private List<io.flowanalyzer.portal.map.SessionMap.Tower> towers;
        private List<String> columns;
        private List<TableRow> table;
        private String note;
        private List<io.flowanalyzer.portal.quality.DataQuality.Fact> facts;

        private Builder(String kind, String title, String described, long sessions, String url) {
            this.kind = kind;
            this.title = title;
            this.described = described;
            this.sessions = sessions;
            this.url = url;
        }

        Builder label(String v) {
            label = v;
            return this;
        }

        Builder value(Double v) {
            value = v;
            return this;
        }

        Builder interval(String v) {
            interval = v;
            return this;
        }

        Builder buckets(List<Bucket> v) {
            buckets = v;
            return this;
        }

        Builder rows(List<Row> v) {
            rows = v;
            return this;
        }

        Builder graph(io.flowanalyzer.portal.graph.PartyGraph.Graph v) {
            graph = v;
            return this;
        }

        Builder towers(List<io.flowanalyzer.portal.map.SessionMap.Tower> v) {
            towers = v;
            return this;
        }

        Builder columns(List<String> v) {
            columns = v;
            return this;
        }

        Builder table(List<TableRow> v) {
            table = v;
            return this;
        }

        Builder note(String v) {
            note = v;
            return this;
        }

        Builder facts(List<io.flowanalyzer.portal.quality.DataQuality.Fact> v) {
            facts = v;
            return this;
        }

        PanelData build() {
            return new PanelData(
                    kind, title, described, sessions, url, label, value, interval, buckets, rows, graph, towers,
                    columns, table, note, facts);
        }
    }
}
