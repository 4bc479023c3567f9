package io.flowanalyzer.portal.export;

import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Histogram;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a PDF case report states: the case and its authority as the investigator gave them, who made
 * it and when, the search (query, time range, chips) and how many sessions it matched, the histogram
 * and facets, the first records, the deliveries the records came from with their SHA-256, and the link
 * graph of the search (null when it could not be drawn) with the address of the whole graph.
 */
public record CaseReport(
        String caseReference,
        String authority,
        String preparedBy,
        Instant preparedAt,
        String query,
        String from,
        String to,
        List<String> filters,
        String searchUrl,
        long total,
        Histogram histogram,
        Map<Facet, List<Facet.Count>> facets,
        List<Map<String, Object>> records,
        List<Delivery> deliveries,
        long deliveriesTotal,
        String identifiers,
        io.flowanalyzer.portal.graph.PartyGraph.Graph graph,
        String graphUrl) {

    /** The same report naming the deliveries behind its records. */
    public CaseReport withDeliveries(List<Delivery> found, long count) {
        return new CaseReport(
                caseReference,
                authority,
                preparedBy,
                preparedAt,
                query,
                from,
                to,
                filters,
                searchUrl,
                total,
                histogram,
                facets,
                records,
                found,
                count,
                identifiers,
                graph,
                graphUrl);
    }

    /** A delivery behind the records: its id, ISP, file, SHA-256 and how many of the matched sessions it holds. */
    public record Delivery(String id, String isp, String file, String sha256, long sessions) {}
}
