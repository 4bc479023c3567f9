package io.flowanalyzer.portal.search;

import java.util.List;
import java.util.Map;

/** One row of the results table, in the investigator's words. */
public record SessionRow(
        String id,
        String start,
        String end,
        String aParty,
        String imsi,
        String imei,
        String source,
        String publicAddress,
        String destination,
        String transport,
        String bytesUp,
        String bytesDown,
        String cell,
        String isp,
        String name,
        String app,
        String country,
        String risk,
        String flags) {

    public static SessionRow of(Map<String, Object> doc) {
        return new SessionRow(
                Documents.text(doc, "event.id"),
                Documents.text(doc, "event.start"),
                Documents.text(doc, "event.end"),
                firstOf(Documents.text(doc, "ipdr.a_party.msisdn"), Documents.text(doc, "ipdr.a_party.subscriber_id")),
                Documents.text(doc, "ipdr.a_party.imsi"),
                Documents.text(doc, "ipdr.a_party.imei"),
                address(Documents.text(doc, "source.ip"), Documents.text(doc, "source.port")),
                address(Documents.text(doc, "source.nat.ip"), Documents.text(doc, "source.nat.port")),
                address(Documents.text(doc, "destination.ip"), Documents.text(doc, "destination.port")),
                Documents.text(doc, "network.transport"),
                Documents.text(doc, "source.bytes"),
                Documents.text(doc, "destination.bytes"),
                Documents.text(doc, "ipdr.cell.id"),
                Documents.text(doc, "ipdr.isp"),
                Documents.text(doc, "ipdr.a_party.name"),
                Documents.text(doc, "ipdr.b_party.app"),
                Documents.text(doc, "destination.geo.country_iso_code"),
                Documents.text(doc, "ipdr.risk_score"),
                flagNames(doc));
    }

    /** The names of the session's flags, each once, in the order they were raised ("watch_list"). */
    @SuppressWarnings("unchecked")
    static String flagNames(Map<String, Object> doc) {
        Object ipdr = doc.get("ipdr");
        Object flags = ipdr instanceof Map<?, ?> m ? m.get("flags") : null;
        if (!(flags instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Object f : list) {
            if (f instanceof Map<?, ?> flag && flag.get("name") != null) {
                names.add(String.valueOf(flag.get("name")).replace('_', ' '));
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    /** ip:port, with IPv6 in brackets as RFC 3986 writes it. */
    static String address(String ip, String port) {
        if (ip == null) {
            return port == null ? null : ":" + port;
        }
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return port == null ? ip : host + ":" + port;
    }
}
