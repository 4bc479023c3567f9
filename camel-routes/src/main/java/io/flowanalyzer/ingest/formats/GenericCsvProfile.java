package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.EventTimes;
import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generic CSV layout: a header row naming some of {@link #COLUMNS} (any case, any order, other
 * columns ignored), delimited by {@code , ; | TAB}; times ISO-8601 with an offset or
 * {@code yyyy-MM-dd HH:mm:ss} in the feed's zone. One instance reads one delivery.
 */
public final class GenericCsvProfile {
    public static final String NAME = "generic-csv";
    public static final String VERSION = "1";

    public static final List<String> COLUMNS = List.of(
            "start_time",
            "end_time",
            "msisdn",
            "imsi",
            "imei",
            "subscriber_id",
            "private_ip",
            "private_port",
            "public_ip",
            "public_port",
            "destination_ip",
            "destination_port",
            "protocol",
            "bytes_up",
            "bytes_down",
            "cell_id",
            "lat",
            "lon");

    private static final Map<String, String> TRANSPORT_NUMBERS =
            Map.of("1", "icmp", "6", "tcp", "17", "udp", "58", "ipv6-icmp", "132", "sctp");

    private final DelimitedHeader header;
    private final Map<String, Integer> columnIndex;
    private final DeliveryRef delivery;
    private final ZoneId zone;

    private GenericCsvProfile(
            DelimitedHeader header, Map<String, Integer> columnIndex, DeliveryRef delivery, ZoneId zone) {
        this.header = header;
        this.columnIndex = columnIndex;
        this.delivery = delivery;
        this.zone = zone;
    }

    /** Prepares to read a delivery whose header row is {@code headerLine}; refuses a header it cannot use. */
    public static GenericCsvProfile forHeader(String headerLine, DeliveryRef delivery, ZoneId zone)
            throws UnreadableDelivery {
        DelimitedHeader header = DelimitedHeader.read(headerLine);
        Map<String, Integer> index = new HashMap<>();
        List<String> names = header.names();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!COLUMNS.contains(name)) {
                continue;
            }
            if (index.putIfAbsent(name, i) != null) {
                throw new UnreadableDelivery(
                        "the header row names the column " + name + " twice, so its values are ambiguous");
            }
        }
        if (!index.containsKey("start_time")) {
            throw new UnreadableDelivery(
                    "the first line is not a generic CSV header with a start_time column (it reads: "
                            + abbreviate(headerLine, 160) + ")");
        }
        return new GenericCsvProfile(header, Map.copyOf(index), delivery, zone);
    }

    public String profileTag() {
        return NAME + "@" + VERSION;
    }

    /** Reads one data line. */
    public LineResult read(DeliveryLines.Line line) {
        List<String> cells;
        try {
            cells = header.cells(line.text());
        } catch (IOException e) {
            return LineResult.refused("the line cannot be split into fields: " + e.getMessage());
        }
        int expected = header.names().size();
        if (cells.size() == expected + 1 && cells.get(expected).isBlank()) {
            cells = cells.subList(0, expected); // a trailing delimiter
        }
        if (cells.size() != expected) {
            return LineResult.refused("the line has " + cells.size() + " fields where the header has " + expected);
        }
        Fields f = new Fields(cells);
        try {
            Instant start = f.time("start_time", true);
            Instant end = f.time("end_time", false);
            if (end != null && end.isBefore(start)) {
                throw new BadField("end_time " + f.raw("end_time") + " is before start_time " + f.raw("start_time"));
            }
            Long duration = end == null ? null : Duration.between(start, end).toNanos();
            String msisdn = f.msisdn();
            String imsi = f.digits("imsi");
            String imei = f.digits("imei");
            String subscriberId = f.text("subscriber_id");
            String privateIp = f.ip("private_ip");
            Integer privatePort = f.port("private_port");
            String publicIp = f.ip("public_ip");
            Integer publicPort = f.port("public_port");
            String destinationIp = f.ip("destination_ip");
            Integer destinationPort = f.port("destination_port");
            String transport = f.transport();
            Long bytesUp = f.count("bytes_up");
            Long bytesDown = f.count("bytes_down");
            String cellId = f.text("cell_id");
            SessionRecord.GeoPoint location = f.location();

            String id = RecordIds.forLine(delivery.id(), line.number());
            boolean namesSubscriber = msisdn != null || imsi != null || subscriberId != null || imei != null;
            SessionRecord record = new SessionRecord(
                    start,
                    new SessionRecord.Event(id, start, end, duration, NAME, line.text()),
                    privateIp == null
                                    && privatePort == null
                                    && publicIp == null
                                    && publicPort == null
                                    && bytesUp == null
                            ? null
                            : new SessionRecord.Source(
                                    privateIp,
                                    privatePort,
                                    publicIp == null && publicPort == null
                                            ? null
                                            : new SessionRecord.Nat(publicIp, publicPort),
                                    bytesUp),
                    destinationIp == null && destinationPort == null && bytesDown == null
                            ? null
                            : new SessionRecord.Destination(destinationIp, destinationPort, bytesDown),
                    transport == null ? null : new SessionRecord.Network(transport),
                    new SessionRecord.Ipdr(
                            namesSubscriber ? new SessionRecord.AParty(subscriberId, msisdn, imsi, imei, null) : null,
                            cellId == null && location == null ? null : new SessionRecord.Cell(cellId, location),
                            delivery.isp(),
                            delivery.feed(),
                            profileTag(),
                            new SessionRecord.Delivery(delivery.id(), line.number()),
                            namesSubscriber ? new SessionRecord.Attribution("direct", null, null) : null,
                            null,
                            null),
                    new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), line.offset()),
                    new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256())));
            return new LineResult.Accepted(record);
        } catch (BadField e) {
            return LineResult.refused(e.getMessage());
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** A field that is present but not what its column promises. */
    private static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** The cells of one line, read by column name. */
    private final class Fields {
        private final List<String> cells;

        Fields(List<String> cells) {
            this.cells = cells;
        }

        /** The trimmed cell, or null when the column is absent or the cell empty (also "-", "NA", "null"). */
        String raw(String column) {
            Integer i = columnIndex.get(column);
            if (i == null) {
                return null;
            }
            String v = cells.get(i).strip();
            if (v.isEmpty()
                    || v.equals("-")
                    || v.equalsIgnoreCase("na")
                    || v.equalsIgnoreCase("null")
                    || v.equalsIgnoreCase("n/a")) {
                return null;
            }
            return v;
        }

        String text(String column) throws BadField {
            String v = raw(column);
            if (v != null) {
                for (int k = 0; k < v.length(); k++) {
                    if (Character.isISOControl(v.charAt(k))) {
                        throw new BadField(column + " holds a control character");
                    }
                }
            }
            return v;
        }

        Instant time(String column, boolean required) throws BadField {
            String v = raw(column);
            if (v == null) {
                if (required) {
                    throw new BadField(column + " is empty");
                }
                return null;
            }
            Optional<Instant> t = EventTimes.parse(v, zone);
            if (t.isEmpty()) {
                throw new BadField(column + " '" + abbreviate(v, 60)
                        + "' is not a time (expected ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss)");
            }
            return t.get();
        }

        String ip(String column) throws BadField {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            return IpAddresses.normalise(v)
                    .orElseThrow(() -> new BadField(column + " '" + abbreviate(v, 60) + "' is not an IP address"));
        }

        Integer port(String column) throws BadField {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            long n = parseCount(column, v, "a port number (0-65535)");
            if (n > 65535) {
                throw new BadField(column + " '" + v + "' is not a port number (0-65535)");
            }
            return (int) n;
        }

        Long count(String column) throws BadField {
            String v = raw(column);
            return v == null ? null : parseCount(column, v, "a whole number of bytes");
        }

        /** A non-negative whole number; a spreadsheet's "1234.0" is one too, "12.5" is not. */
        private long parseCount(String column, String v, String expected) throws BadField {
            String digits = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadField(column + " '" + abbreviate(v, 60) + "' is not " + expected);
            }
            return Long.parseLong(digits);
        }

        String digits(String column) throws BadField {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            if (v.length() > 20 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadField(column + " '" + abbreviate(v, 60) + "' is not a number made of digits");
            }
            return v;
        }

        String msisdn() throws BadField {
            String v = raw("msisdn");
            if (v == null) {
                return null;
            }
            if (v.matches("(?i)[0-9.]+e\\+?[0-9]+")) {
                throw new BadField(
                        "msisdn '" + v + "' is in spreadsheet scientific notation, so its last digits are lost");
            }
            String n = v.replace(" ", "").replace("-", "");
            if (n.startsWith("+")) {
                n = n.substring(1);
            }
            if (n.isEmpty() || n.length() > 20 || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadField("msisdn '" + abbreviate(v, 60) + "' is not a phone number");
            }
            return n;
        }

        String transport() throws BadField {
            String v = text("protocol");
            if (v == null) {
                return null;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            String named = TRANSPORT_NUMBERS.get(lower);
            if (named != null) {
                return named;
            }
            if (!lower.matches("[a-z][a-z0-9-]{0,15}|[0-9]{1,3}")) {
                throw new BadField("protocol '" + abbreviate(v, 60) + "' is not a transport protocol name or number");
            }
            return lower;
        }

        SessionRecord.GeoPoint location() throws BadField {
            String lat = raw("lat");
            String lon = raw("lon");
            if (lat == null && lon == null) {
                return null;
            }
            if (lat == null || lon == null) {
                throw new BadField("lat and lon must be given together (lat '" + (lat == null ? "" : lat) + "', lon '"
                        + (lon == null ? "" : lon) + "')");
            }
            double la = coordinate("lat", lat, 90);
            double lo = coordinate("lon", lon, 180);
            return new SessionRecord.GeoPoint(la, lo);
        }

        private double coordinate(String column, String v, double limit) throws BadField {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || d < -limit || d > limit) {
                    throw new BadField(column + " '" + v + "' is outside -" + (int) limit + ".." + (int) limit);
                }
                return d;
            } catch (NumberFormatException e) {
                throw new BadField(column + " '" + abbreviate(v, 60) + "' is not a number");
            }
        }
    }

    /** Lists the recognised columns a header holds, for reports. */
    public List<String> recognisedColumns() {
        List<String> found = new ArrayList<>();
        for (String c : COLUMNS) {
            if (columnIndex.containsKey(c)) {
                found.add(c);
            }
        }
        return found;
    }
}
