package io.flowanalyzer.portal.search;

import java.util.LinkedHashMap;
import java.util.Map;

/** A reject as the API and pages show it: flat, file/line/reason/raw first. */
public record RejectView(
        String id,
        String file,
        Long line,
        String reason,
        String raw,
        String isp,
        String deliveryId,
        String sha256,
        String rejectedAt) {

    public static RejectView of(Map<String, Object> doc) {
        Object line = Documents.at(doc, "ipdr.delivery.line");
        return new RejectView(
                Documents.text(doc, "event.id"),
                Documents.text(doc, "log.file.path"),
                line instanceof Number n ? n.longValue() : null,
                Documents.text(doc, "error.message"),
                Documents.text(doc, "event.original"),
                Documents.text(doc, "ipdr.isp"),
                Documents.text(doc, "ipdr.delivery.id"),
                Documents.text(doc, "file.hash.sha256"),
                Documents.text(doc, "@timestamp"));
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("file", file);
        m.put("line", line);
        m.put("reason", reason);
        m.put("raw", raw);
        m.put("isp", isp);
        m.put("delivery_id", deliveryId);
        m.put("sha256", sha256);
        m.put("rejected_at", rejectedAt);
        return m;
    }
}
