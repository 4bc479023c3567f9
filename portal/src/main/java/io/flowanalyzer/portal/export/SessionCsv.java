package io.flowanalyzer.portal.export;

import io.flowanalyzer.portal.search.Documents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of a sessions CSV export: every field an investigator or a court needs to read a
 * record without the portal, in the investigator's words, ending with where it came from (delivery,
 * file, line, SHA-256) and the line as delivered.
 */
public final class SessionCsv {
    private SessionCsv() {}

    record Column(String header, Function<Map<String, Object>, String> value, boolean text) {}

    private static Column text(String header, String path) {
        return new Column(header, d -> Documents.text(d, path), true);
    }

    private static Column number(String header, String path) {
        return new Column(header, d -> Documents.text(d, path), false);
    }

    static final List<Column> COLUMNS = List.of(
            text("session_id", "event.id"),
            text("start_utc", "event.start"),
            text("end_utc", "event.end"),
            new Column(
                    "duration_s",
                    d -> Documents.at(d, "event.duration") instanceof Number n
                            ? String.valueOf(n.longValue() / 1_000_000_000L)
                            : null,
                    false),
            text("msisdn", "ipdr.a_party.msisdn"),
            text("imsi", "ipdr.a_party.imsi"),
            text("imei", "ipdr.a_party.imei"),
            text("subscriber_id", "ipdr.a_party.subscriber_id"),
            text("subscriber_name", "ipdr.a_party.name"),
            text("private_ip", "source.ip"),
            number("private_port", "source.port"),
            text("public_ip", "source.nat.ip"),
            number("public_port", "source.nat.port"),
            text("destination_ip", "destination.ip"),
            number("destination_port", "destination.port"),
            text("protocol", "network.transport"),
            number("bytes_up", "source.bytes"),
            number("bytes_down", "destination.bytes"),
            text("cell_id", "ipdr.cell.id"),
            text("last_cell_id", "ipdr.cell.last_id"),
            text("apn", "ipdr.access.apn"),
            text("rat", "ipdr.access.rat"),
            text("isp", "ipdr.isp"),
            text("app", "ipdr.b_party.app"),
            text("destination_country", "destination.geo.country_iso_code"),
            text("destination_network", "destination.as.organization.name"),
            new Column("flags", SessionCsv::flags, true),
            number("risk_score", "ipdr.risk_score"),
            text("attribution", "ipdr.attribution.method"),
            new Column("attribution_evidence", d -> joined(Documents.at(d, "ipdr.attribution.evidence")), true),
            new Column("attribution_candidates", d -> joined(Documents.at(d, "ipdr.attribution.candidates")), true),
            text("delivery_id", "ipdr.delivery.id"),
            text("file", "log.file.path"),
            number("line", "ipdr.delivery.line"),
            text("file_sha256", "file.hash.sha256"),
            text("raw_line", "event.original"));

    static List<String> headers() {
        return COLUMNS.stream().map(Column::header).toList();
    }

    static List<String> row(Map<String, Object> doc) {
        List<String> row = new ArrayList<>(COLUMNS.size());
        for (Column c : COLUMNS) {
            String v = c.value().apply(doc);
            row.add(c.text() ? defused(v) : v);
        }
        return row;
    }

    /**
     * A text value a spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +1+1},
     * {@code @SUM(…)}) gets a leading apostrophe, as OWASP advises for CSV files opened in Excel.
     */
    public static String defused(String v) {
        if (v == null || v.isEmpty()) {
            return v;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }

    private static String flags(Map<String, Object> doc) {
        if (!(Documents.at(doc, "ipdr.flags") instanceof List<?> list)) {
            return null;
        }
        LinkedHashSet<String> parts = new LinkedHashSet<>();
        for (Object f : list) {
            if (f instanceof Map<?, ?> m && m.get("name") != null) {
                parts.add(m.get("name") + (m.get("reason") == null ? "" : ": " + m.get("reason")));
            }
        }
        return parts.isEmpty() ? null : String.join(" | ", parts);
    }

    private static String joined(Object v) {
        if (v instanceof List<?> l) {
            return l.isEmpty()
                    ? null
                    : String.join(" ", l.stream().map(String::valueOf).toList());
        }
        return v == null ? null : String.valueOf(v);
    }
}
