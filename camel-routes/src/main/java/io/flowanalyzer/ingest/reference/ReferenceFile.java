package io.flowanalyzer.ingest.reference;

import io.flowanalyzer.ingest.formats.DelimitedHeader;
import io.flowanalyzer.ingest.formats.FieldValues;
import io.flowanalyzer.ingest.formats.UnreadableDelivery;
import io.flowanalyzer.model.EventTimes;
import io.flowanalyzer.model.reference.Cidr;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one reference data file: a delimited text file with a header line, of one kind — subscriber
 * directory, app/service ranges, watch list or cell towers — told by its file name
 * ({@code subscribers*}, {@code apps*}/{@code services*}, {@code watch*}/{@code threat*}/{@code ioc*},
 * {@code cells*}/{@code towers*}) or else by its columns. Each data line becomes an entry or a reject with
 * its line number and reason; lines read = entries + rejects.
 */
public final class ReferenceFile {
    /** Per kind, the canonical columns and the header spellings operators use for them. */
    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("subscriber_id", List.of("subscriber_id", "subscriber", "sub_id", "customer_id", "account_id")),
            Map.entry("msisdn", List.of("msisdn", "mobile", "mobile_number", "mobile_no", "phone", "phone_number")),
            Map.entry("imsi", List.of("imsi")),
            Map.entry("imei", List.of("imei")),
            Map.entry("name", List.of("name", "subscriber_name", "customer_name", "cell_name", "site_name")),
            Map.entry("address", List.of("address", "subscriber_address", "installation_address", "site_address")),
            Map.entry("cidr", List.of("cidr", "ip", "ip_address", "ip_range", "prefix", "network", "range", "block")),
            Map.entry("app", List.of("app", "application", "service", "app_name", "service_name")),
            Map.entry("category", List.of("category", "type", "service_type")),
            Map.entry("label", List.of("label", "description", "reason", "threat", "tag", "comment")),
            Map.entry("list", List.of("list", "watch_list", "watchlist", "list_name", "source")),
            Map.entry("severity", List.of("severity", "score", "weight")),
            Map.entry("cell_id", List.of("cell_id", "cell", "cgi", "ecgi", "tower_id", "site_id")),
            Map.entry("lat", List.of("lat", "latitude")),
            Map.entry("lon", List.of("lon", "lng", "long", "longitude")),
            Map.entry("azimuth", List.of("azimuth", "bearing", "sector_azimuth")),
            Map.entry("valid_from", List.of("valid_from", "from", "since", "start", "effective_from")),
            Map.entry("valid_to", List.of("valid_to", "to", "until", "end", "expires", "effective_to")));

    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_LINE = 8192;

    /** What the file held: its kind and one outcome per data line. */
    public record Result(String kind, long linesRead, List<ReferenceEntry> entries, List<Problem> rejects) {}

    /** A line (0: the file itself) that could not be used, with its reason and raw text. */
    public record Problem(long line, String reason, String raw) {}

    private final ZoneId zone;
    private final String msisdnCountryCode;

    public ReferenceFile(ZoneId zone, String msisdnCountryCode) {
        this.zone = zone;
        this.msisdnCountryCode = msisdnCountryCode;
    }

    /** Reads {@code in} (the file {@code fileName}) to its end. */
    public Result read(String fileName, BufferedReader in) {
        try {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                return new Result(
                        null, 0, List.of(), List.of(new Problem(0, "the file is empty: it needs a header line", "")));
            }
            header = header.replace("\uFEFF", "");
            DelimitedHeader delimited; // the deliveries' own delimiter guess and splitting
            try {
                delimited = DelimitedHeader.read(header);
            } catch (UnreadableDelivery | UncheckedIOException e) {
                return new Result(
                        null,
                        0,
                        List.of(),
                        List.of(new Problem(
                                0, "the header line cannot be split into column names: " + e.getMessage(), header)));
            }
            List<String> columns = new ArrayList<>();
            for (String name : delimited.rawNames()) {
                columns.add(canonical(name));
            }
            String kind = kind(fileName, columns);
            if (kind == null) {
                return new Result(
                        null,
                        0,
                        List.of(),
                        List.of(new Problem(
                                0,
                                "cannot tell what kind of reference data '" + fileName
                                        + "' holds: name it subscribers*, apps*,"
                                        + " watchlist* or cells*, or give it the columns of one of them",
                                header)));
            }
            String defaultList = stem(fileName);
            List<ReferenceEntry> entries = new ArrayList<>();
            List<Problem> rejects = new ArrayList<>();
            long lineNumber = 1;
            long read = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue; // blank lines are layout, not data
                }
                read++;
                if (line.length() > MAX_LINE) {
                    rejects.add(new Problem(
                            lineNumber,
                            "the line is longer than " + MAX_LINE + " characters",
                            line.substring(0, MAX_LINE)));
                    continue;
                }
                try {
                    List<String> values = cells(delimited, line);
                    if (values.size() > columns.size()) {
                        throw new IllegalArgumentException(
                                "the line has " + values.size() + " fields but the header names " + columns.size());
                    }
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < values.size(); i++) {
                        String v = values.get(i);
                        if (columns.get(i) != null && !v.isEmpty()) {
                            if (v.chars().anyMatch(Character::isISOControl)) {
                                throw new IllegalArgumentException(columns.get(i) + " holds a control character");
                            }
                            row.put(columns.get(i), v);
                        }
                    }
                    ReferenceEntry entry = entry(kind, row, defaultList, fileName + ":" + lineNumber);
                    String problem = entry.problem();
                    if (problem != null) {
                        throw new IllegalArgumentException(problem);
                    }
                    entries.add(entry);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    rejects.add(new Problem(lineNumber, e.getMessage(), line));
                }
            }
            return new Result(kind, read, entries, rejects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReferenceEntry entry(String kind, Map<String, String> row, String defaultList, String source) {
        Instant from = time("valid_from", row.get("valid_from"));
        Instant to = time("valid_to", row.get("valid_to"));
        return switch (kind) {
            case ReferenceEntry.SUBSCRIBER -> ReferenceEntry.subscriber(
                    row.get("subscriber_id"),
                    FieldValues.phoneNumber("msisdn", row.get("msisdn"), msisdnCountryCode),
                    FieldValues.identifierDigits("imsi", row.get("imsi")),
                    FieldValues.identifierDigits("imei", row.get("imei")),
                    row.get("name"),
                    row.get("address"),
                    source);
            case ReferenceEntry.APP -> ReferenceEntry.app(
                    cidr(row.get("cidr")), row.get("app"), row.get("category"), from, to, source);
            case ReferenceEntry.WATCH -> ReferenceEntry.watch(
                    row.getOrDefault("list", defaultList),
                    cidr(row.get("cidr")),
                    row.get("label"),
                    number("severity", row.get("severity")),
                    from,
                    to,
                    source);
            case ReferenceEntry.CELL -> {
                Double lat = number("latitude", row.get("lat"));
                Double lon = number("longitude", row.get("lon"));
                if (lat == null || lon == null) {
                    throw new IllegalArgumentException("a cell needs a latitude and a longitude");
                }
                Double azimuth = number("azimuth", row.get("azimuth"));
                yield ReferenceEntry.cell(
                        row.get("cell_id"),
                        lat,
                        lon,
                        azimuth == null ? null : (int) Math.round(azimuth),
                        row.get("name"),
                        row.get("address"),
                        source);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    /** The block in its one written form, so that the same block is one key however it was spelled. */
    private static String cidr(String text) {
        if (text == null) {
            throw new IllegalArgumentException("the IP address or CIDR block is missing");
        }
        Cidr cidr = Cidr.parse(text);
        if (cidr == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        return cidr.toString();
    }

    private static Double number(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a number");
        }
    }

    /** A date (the start of that day) or a date and time, zone-less ones in the configured zone. */
    private Instant time(String field, String text) {
        if (text == null) {
            return null;
        }
        if (DATE.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
        return EventTimes.parse(text, zone)
                .orElseThrow(() -> new IllegalArgumentException(field + " '" + text + "' is not a date or time"));
    }

    static String kind(String fileName, List<String> columns) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        if (name.startsWith("subscriber") || name.startsWith("directory")) {
            return ReferenceEntry.SUBSCRIBER;
        }
        if (name.startsWith("app") || name.startsWith("service")) {
            return ReferenceEntry.APP;
        }
        if (name.startsWith("watch") || name.startsWith("threat") || name.startsWith("ioc")) {
            return ReferenceEntry.WATCH;
        }
        if (name.startsWith("cell") || name.startsWith("tower")) {
            return ReferenceEntry.CELL;
        }
        if (columns.contains("cell_id") && columns.contains("lat")) {
            return ReferenceEntry.CELL;
        }
        if (columns.contains("cidr") && columns.contains("app")) {
            return ReferenceEntry.APP;
        }
        if (columns.contains("cidr") && columns.contains("label")) {
            return ReferenceEntry.WATCH;
        }
        if (columns.contains("msisdn") || columns.contains("subscriber_id")) {
            return ReferenceEntry.SUBSCRIBER;
        }
        return null;
    }

    /** The canonical column a header name stands for, or null for a column nobody reads. */
    static String canonical(String headerName) {
        String n =
                NOT_ALNUM.matcher(headerName.toLowerCase(Locale.ROOT).strip()).replaceAll("_");
        n = n.replaceAll("^_+|_+$", "");
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            if (e.getValue().contains(n)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static List<String> cells(DelimitedHeader header, String line) {
        try {
            return header.cells(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("the line cannot be split into fields: " + e.getMessage());
        }
    }

    private static String stem(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
