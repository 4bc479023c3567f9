package io.flowanalyzer.portal.export;

import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Histogram;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a PDF case report states: the case and its authority as the investigator gave them, who made
 * it and when, the search (query, time range, chips) and how many sessions it matched, the histogram
 * and facets, the first records, and the deliveries the records came from with their SHA-256.
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
        String identifiers) {

    /** A delivery behind the records: its id, ISP, file, SHA-256 and how many of the matched sessions it holds. */
    public record Delivery(String id, String isp, String file, String sha256, long sessions) {}
}
