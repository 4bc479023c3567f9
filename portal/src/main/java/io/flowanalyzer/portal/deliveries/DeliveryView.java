package io.flowanalyzer.portal.deliveries;

import io.flowanalyzer.portal.search.Documents;
import java.util.LinkedHashMap;
import java.util.Map;

/** A delivery's custody record as the API and the deliveries page show it. */
public record DeliveryView(
        String id,
        String sha256,
        String isp,
        String feed,
        String file,
        Long size,
        String profile,
        String profileVersion,
        Boolean profileDetected,
        Double profileConfidence,
        Long preambleLines,
        Long linesRead,
        Long accepted,
        Long rejected,
        String status,
        String reason,
        String receivedAt,
        String finishedAt) {

    public static DeliveryView of(Map<String, Object> doc) {
        return new DeliveryView(
                Documents.text(doc, "id"),
                Documents.text(doc, "sha256"),
                Documents.text(doc, "isp"),
                Documents.text(doc, "feed"),
                Documents.text(doc, "file_name"),
                number(doc.get("size")),
                Documents.text(doc, "profile"),
                Documents.text(doc, "profile_version"),
                doc.get("profile_detected") instanceof Boolean b ? b : null,
                doc.get("profile_confidence") instanceof Number n ? n.doubleValue() : null,
                number(doc.get("preamble_lines")),
                number(doc.get("lines_read")),
                number(doc.get("accepted")),
                number(doc.get("rejected")),
                Documents.text(doc, "status"),
                Documents.text(doc, "reason"),
                Documents.text(doc, "@timestamp"),
                Documents.text(doc, "finished_at"));
    }

    private static Long number(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    /** Share of lines accepted, for the page's bar; null before any line was read. */
    public Integer acceptedPercent() {
        return linesRead == null || linesRead == 0 ? null : (int) Math.round(100.0 * accepted / linesRead);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("sha256", sha256);
        m.put("isp", isp);
        m.put("feed", feed);
        m.put("file", file);
        m.put("size", size);
        m.put("profile", profile);
        m.put("profile_version", profileVersion);
        m.put("profile_detected", profileDetected);
        m.put("profile_confidence", profileConfidence);
        m.put("preamble_lines", preambleLines);
        m.put("lines_read", linesRead);
        m.put("accepted", accepted);
        m.put("rejected", rejected);
        m.put("status", status);
        m.put("reason", reason);
        m.put("received_at", receivedAt);
        m.put("finished_at", finishedAt);
        return m;
    }
}
