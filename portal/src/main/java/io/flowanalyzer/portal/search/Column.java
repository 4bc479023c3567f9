package io.flowanalyzer.portal.search;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns the results table can show, in the investigator's words: the key the URL uses
 * ({@code col=}), the heading, the field it sorts by (null: not sortable), the fields whose match
 * marks the cell, and how the cell reads from a session.
 */
public enum Column {
    START("start", "Start (UTC)", "@timestamp", "time", List.of(), d -> Cell.of(Documents.text(d, "event.start"))),
    END("end", "End (UTC)", "event.end", "time", List.of(), d -> Cell.of(Documents.text(d, "event.end"))),
    A_PARTY(
            "a_party",
            "A-party",
            "ipdr.a_party.msisdn",
            "id",
            List.of("ipdr.a_party.msisdn", "ipdr.a_party.subscriber_id", "ipdr.a_party.name"),
            d -> Cell.of(firstOf(
                            Documents.text(d, "ipdr.a_party.msisdn"), Documents.text(d, "ipdr.a_party.subscriber_id")))
                    .withSub(Documents.text(d, "ipdr.a_party.name"), "Name in the subscriber directory")),
    IMSI(
            "imsi",
            "IMSI",
            "ipdr.a_party.imsi",
            "id",
            List.of("ipdr.a_party.imsi"),
            d -> Cell.of(Documents.text(d, "ipdr.a_party.imsi"))),
    IMEI(
            "imei",
            "IMEI",
            "ipdr.a_party.imei",
            "id",
            List.of("ipdr.a_party.imei"),
            d -> Cell.of(Documents.text(d, "ipdr.a_party.imei"))),
    SOURCE(
            "source",
            "Private address",
            "source.ip",
            "addr",
            List.of("source.ip"),
            d -> Cell.of(address(Documents.text(d, "source.ip"), Documents.text(d, "source.port")))),
    PUBLIC(
            "public",
            "Public address",
            "source.nat.ip",
            "addr",
            List.of("source.nat.ip"),
            d -> Cell.of(address(Documents.text(d, "source.nat.ip"), Documents.text(d, "source.nat.port")))),
    DESTINATION(
            "destination",
            "Destination",
            "destination.ip",
            "addr",
            List.of("destination.ip", "destination.geo.country_iso_code"),
            d -> Cell.of(address(Documents.text(d, "destination.ip"), Documents.text(d, "destination.port")))
                    .withSub(
                            Documents.text(d, "destination.geo.country_iso_code"),
                            "Country where the address is registered")),
    APP(
            "app",
            "App",
            "ipdr.b_party.app",
            "app",
            List.of("ipdr.b_party.app", "ipdr.b_party.category"),
            d -> Cell.of(Documents.text(d, "ipdr.b_party.app"))),
    FLAGS("flags", "Flags", "ipdr.risk_score", "flags", List.of("ipdr.flags.name"), d -> {
        String risk = Documents.text(d, "ipdr.risk_score");
        return new Cell(flagNames(d), null, risk == null ? null : "risk score " + risk, false);
    }),
    PROTOCOL(
            "protocol",
            "Proto",
            "network.transport",
            "",
            List.of("network.transport"),
            d -> Cell.of(Documents.text(d, "network.transport"))),
    BYTES_UP("bytes_up", "Bytes up", "source.bytes", "num", List.of(), d -> Cell.of(Documents.text(d, "source.bytes"))),
    BYTES_DOWN(
            "bytes_down",
            "Bytes down",
            "destination.bytes",
            "num",
            List.of(),
            d -> Cell.of(Documents.text(d, "destination.bytes"))),
    CELL(
            "cell",
            "Cell",
            "ipdr.cell.id",
            "",
            List.of("ipdr.cell.id", "ipdr.cell.last_id"),
            d -> Cell.of(Documents.text(d, "ipdr.cell.id"))),
    ISP("isp", "ISP", "ipdr.isp", "", List.of("ipdr.isp"), d -> Cell.of(Documents.text(d, "ipdr.isp"))),
    DURATION("duration", "Duration (s)", "event.duration", "num", List.of(), d -> {
        Object ns = Documents.at(d, "event.duration");
        return Cell.of(ns instanceof Number n ? String.valueOf(n.longValue() / 1_000_000_000L) : null);
    }),
    RISK("risk", "Risk", "ipdr.risk_score", "num", List.of(), d -> Cell.of(Documents.text(d, "ipdr.risk_score"))),
    COUNTRY(
            "country",
            "Country",
            "destination.geo.country_iso_code",
            "",
            List.of("destination.geo.country_iso_code"),
            d -> Cell.of(Documents.text(d, "destination.geo.country_name"))),
    NETWORK(
            "network",
            "B-party network",
            "destination.as.number",
            "",
            List.of("destination.as.organization.name"),
            d -> Cell.of(Documents.text(d, "destination.as.organization.name"))),
    APN(
            "apn",
            "APN",
            "ipdr.access.apn",
            "",
            List.of("ipdr.access.apn"),
            d -> Cell.of(Documents.text(d, "ipdr.access.apn"))),
    RAT(
            "rat",
            "RAT",
            "ipdr.access.rat",
            "",
            List.of("ipdr.access.rat"),
            d -> Cell.of(Documents.text(d, "ipdr.access.rat"))),
    ATTRIBUTION(
            "attribution",
            "Attributed by",
            "ipdr.attribution.method",
            "",
            List.of("ipdr.attribution.method"),
            d -> Cell.of(Documents.text(d, "ipdr.attribution.method"))),
    FILE("file", "File and line", "log.file.path", "", List.of("log.file.path"), d -> {
        String file = Documents.text(d, "log.file.path");
        String line = Documents.text(d, "ipdr.delivery.line");
        return Cell.of(file == null ? null : line == null ? file : file + ":" + line);
    });

    /** What the table shows until the investigator chooses. */
    public static final List<Column> DEFAULTS = List.of(
            START,
            END,
            A_PARTY,
            IMSI,
            IMEI,
            SOURCE,
            PUBLIC,
            DESTINATION,
            APP,
            FLAGS,
            PROTOCOL,
            BYTES_UP,
            BYTES_DOWN,
            CELL,
            ISP);

    private final String key;
    private final String header;
    private final String sortField;
    private final String css;
    private final List<String> matchFields;
    private final Function<Map<String, Object>, Cell> cell;

    Column(
            String key,
            String header,
            String sortField,
            String css,
            List<String> matchFields,
            Function<Map<String, Object>, Cell> cell) {
        this.key = key;
        this.header = header;
        this.sortField = sortField;
        this.css = css;
        this.matchFields = matchFields;
        this.cell = cell;
    }

    public String key() {
        return key;
    }

    public String header() {
        return header;
    }

    public String sortField() {
        return sortField;
    }

    public String css() {
        return css;
    }

    List<String> matchFields() {
        return matchFields;
    }

    public Cell cell(Map<String, Object> doc) {
        return cell.apply(doc);
    }

    public static Optional<Column> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equalsIgnoreCase(key)).findFirst();
    }

    /** The columns the URL names, each once, unknown names refused; the defaults when it names none. */
    public static List<Column> chosen(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return DEFAULTS;
        }
        LinkedHashSet<Column> columns = new LinkedHashSet<>();
        for (String key : keys) {
            for (String k : key.split(",")) {
                if (k.isBlank()) {
                    continue;
                }
                columns.add(of(k.strip())
                        .orElseThrow(() ->
                                new InvalidSearch("There is no column called '" + Filter.shorten(k.strip()) + "'.")));
            }
        }
        return columns.isEmpty() ? DEFAULTS : List.copyOf(columns);
    }

    /** The names of the session's flags, each once, in the order they were raised ("watch list"). */
    static String flagNames(Map<String, Object> doc) {
        Object flags = Documents.at(doc, "ipdr.flags");
        if (!(flags instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
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
