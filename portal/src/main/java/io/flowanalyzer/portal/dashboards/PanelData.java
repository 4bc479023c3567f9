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

    static PanelData of(String kind, String title, String described, long sessions, String url) {
        return new PanelData(
                kind, title, described, sessions, url, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
