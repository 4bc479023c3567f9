package io.flowanalyzer.portal.search;

import java.util.List;

/** The field names the query bar knows, for the syntax help and autocomplete: the IPDR names first, then ECS. */
public final class QueryFields {
    private QueryFields() {}

    public record Name(String name, String meaning) {}

    public static final List<Name> ALL = List.of(
            new Name("msisdn", "phone number of the A-party"),
            new Name("imsi", "SIM identity"),
            new Name("imei", "handset identity"),
            new Name("subscriber_id", "subscriber id"),
            new Name("private_ip", "A-party's private address"),
            new Name("private_port", "A-party's private port"),
            new Name("public_ip", "public (NAT) address"),
            new Name("public_port", "public (NAT) port"),
            new Name("destination_ip", "B-party address"),
            new Name("destination_port", "B-party port"),
            new Name("protocol", "tcp, udp, …"),
            new Name("bytes_up", "bytes sent by the A-party"),
            new Name("bytes_down", "bytes received by the A-party"),
            new Name("start_time", "session start"),
            new Name("end_time", "session end"),
            new Name("cell_id", "first cell"),
            new Name("last_cell_id", "last cell"),
            new Name("apn", "access point name"),
            new Name("rat", "radio access type"),
            new Name("app", "B-party app or service"),
            new Name("isp", "delivering ISP"),
            new Name("flag", "anomaly or watch-list flag"),
            new Name("country", "B-party country code"),
            new Name("ipdr.a_party.name", "subscriber's name"),
            new Name("ipdr.a_party.address", "subscriber's address"),
            new Name("ipdr.b_party.category", "app category"),
            new Name("ipdr.attribution.method", "direct, nat, radius, ambiguous, pending, unresolved"),
            new Name("ipdr.attribution.candidates", "candidates of an ambiguous attribution"),
            new Name("ipdr.flags.reason", "why a flag was raised"),
            new Name("ipdr.risk_score", "combined risk 0–1"),
            new Name("destination.as.organization.name", "B-party network owner"),
            new Name("destination.as.number", "B-party AS number"),
            new Name("destination.geo.country_name", "B-party country"),
            new Name("event.original", "the raw delivered line"),
            new Name("log.file.path", "delivered file"),
            new Name("ipdr.delivery.id", "delivery id"),
            new Name("file.hash.sha256", "delivered file's SHA-256"));

    /** The syntax help's table rows: the same on every page, so written once. */
    public static final String HELP_ROWS = helpRows();

    private static String helpRows() {
        StringBuilder html = new StringBuilder();
        for (Name n : ALL) {
            String name = SearchPage.escape(n.name());
            html.append("<tr><td><code data-field=\"")
                    .append(name)
                    .append("\">")
                    .append(name)
                    .append("</code></td><td>")
                    .append(SearchPage.escape(n.meaning()))
                    .append("</td></tr>");
        }
        return html.toString();
    }
}
