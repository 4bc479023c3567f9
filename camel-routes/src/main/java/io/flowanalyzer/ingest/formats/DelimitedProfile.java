package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.ingest.formats.profile.Column;
import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.HeaderNames;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.TimeFormats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the data lines of one delimited delivery with a {@link FormatProfile}, once its header row
 * has been found ({@link #match}). A column may be named by several header cells (an IPv4 and an
 * IPv6 column, say): the value is the first non-empty one, in the profile's order of names.
 */
public final class DelimitedProfile implements RecordReader.PerLine {
    private final FormatProfile profile;
    private final DelimitedHeader header;
    /** The cells of each column by {@link Column#ordinal}, in the profile's order of names; null when the header lacks it. */
    private final int[][] columns;

    private final DeliveryRef delivery;
    private final ZoneId zone;
    private final TimeFormats times;
    private final TimeFormats dates;
    private final TimeFormats clocks;
    private final List<Pattern> footers;
    private final Pattern summary;
    private final String[] emptyMarkers;
    /** {@code name@version}, made once: every record carries it. */
    private final String tag;

    private final int longestEmptyMarker;
    /**
     * The ASCII characters an empty marker starts with, either case: most cells are ruled out by their first (a
     * number by its digit, unless a profile's marker starts with one).
     */
    private final boolean[] markerStarts;

    private boolean inSummary;
    private final long volumeFactor;

    private DelimitedProfile(
            FormatProfile profile,
            DelimitedHeader header,
            Map<Column, List<Integer>> columns,
            DeliveryRef delivery,
            ZoneId zone) {
        this.profile = profile;
        this.header = header;
        this.columns = new int[Column.values().length][];
        columns.forEach((column, cells) -> this.columns[column.ordinal()] =
                cells.stream().mapToInt(Integer::intValue).toArray());
        this.delivery = delivery;
        this.zone = zone;
        this.times = TimeFormats.of(profile.timeFormats());
        this.dates = TimeFormats.of(profile.dateFormats());
        this.clocks = TimeFormats.of(profile.clockFormats());
        this.footers = profile.footers().stream()
                .map(f -> Pattern.compile("^\\s*\"?(" + f + ")", Pattern.CASE_INSENSITIVE))
                .toList();
        this.summary = profile.summary() == null
                ? null
                : Pattern.compile("^\\s*(" + profile.summary() + ")", Pattern.CASE_INSENSITIVE);
        java.util.Set<String> markers = new java.util.HashSet<>(List.of("-", "na", "null", "n/a"));
        profile.emptyMarkers().forEach(m -> markers.add(m.toLowerCase(Locale.ROOT)));
        this.emptyMarkers = markers.toArray(String[]::new);
        this.tag = profile.tag();
        this.markerStarts = new boolean[128];
        for (String m : markers) {
            char first = m.isEmpty() ? 0 : m.charAt(0);
            if (first < 128) {
                markerStarts[first] = true;
                markerStarts[Character.toUpperCase(first)] = true;
            }
        }
        this.longestEmptyMarker =
                markers.stream().mapToInt(String::length).max().orElse(0);
        this.volumeFactor = switch (profile.volumeUnit()) {
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024L;
            default -> 1L;
        };
    }

    /** How well a header line fits a profile: the share of its non-empty cells the profile names (a pattern's guess counts half). */
    public record HeaderMatch(
            FormatProfile profile, DelimitedHeader header, Map<Column, List<Integer>> columns, double score) {
        public DelimitedProfile reader(DeliveryRef delivery, ZoneId zone) {
            return new DelimitedProfile(profile, header, columns, delivery, zone);
        }

        public List<Column> recognised() {
            return List.copyOf(columns.keySet());
        }
    }

    /**
     * The profile's reading of {@code line} as a header, or empty when the line lacks a required
     * column. Throws when the line names the same column twice, which makes its values ambiguous.
     */
    public static Optional<HeaderMatch> match(FormatProfile profile, String line) throws UnreadableDelivery {
        String prefix = profile.headerPrefix();
        if (prefix != null) {
            if (!line.startsWith(prefix)) {
                return Optional.empty();
            }
            line = line.substring(prefix.length()).replaceFirst("^[\\t ,;|]", "");
        }
        return match(profile, DelimitedHeader.read(line));
    }

    /** As {@link #match(FormatProfile, String)}, for a header row that comes already split (a spreadsheet row). */
    public static Optional<HeaderMatch> match(FormatProfile profile, List<String> cells) throws UnreadableDelivery {
        return match(profile, DelimitedHeader.ofCells(cells));
    }

    private static Optional<HeaderMatch> match(FormatProfile profile, DelimitedHeader header)
            throws UnreadableDelivery {
        Map<String, Column> aliasColumn = new HashMap<>();
        Map<String, Integer> aliasRank = new HashMap<>();
        profile.columns().forEach((key, aliases) -> {
            Column column = Column.fromKey(key);
            for (int rank = 0; rank < aliases.size(); rank++) {
                String alias = HeaderNames.normalise(aliases.get(rank));
                aliasColumn.putIfAbsent(alias, column);
                aliasRank.putIfAbsent(alias, rank);
            }
        });
        Map<Column, List<int[]>> found = new EnumMap<>(Column.class);
        Map<String, Integer> seen = new HashMap<>();
        int nonEmpty = 0;
        int guessed = 0;
        List<String> cells = header.rawNames();
        for (int i = 0; i < cells.size(); i++) {
            String name = HeaderNames.normalise(cells.get(i));
            if (name.isEmpty()) {
                continue;
            }
            nonEmpty++;
            Column column = aliasColumn.get(name);
            if (column == null) {
                int[] rank = new int[1];
                column = byPattern(profile, name, rank);
                if (column == null) {
                    continue;
                }
                aliasRank.put(name, rank[0]);
                guessed++;
            }
            if (seen.putIfAbsent(name, i) != null) {
                throw new UnreadableDelivery("the header row names the column "
                        + cells.get(i).strip() + " twice, so its values are ambiguous");
            }
            found.computeIfAbsent(column, c -> new ArrayList<>()).add(new int[] {aliasRank.get(name), i});
        }
        for (String alternatives : profile.required()) {
            boolean any = false;
            for (String key : alternatives.split("\\|")) {
                any |= found.containsKey(Column.fromKey(key));
            }
            if (!any) {
                return Optional.empty();
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<Column, List<Integer>> columns = new EnumMap<>(Column.class);
        found.forEach((column, hits) -> {
            hits.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            columns.put(column, hits.stream().map(h -> h[1]).toList());
        });
        return Optional.of(new HeaderMatch(
                profile,
                header,
                java.util.Collections.unmodifiableMap(columns),
                (found.values().stream().mapToInt(List::size).sum() - guessed / 2.0) / Math.max(1, nonEmpty)));
    }

    /**
     * The column a header name means by the profile's patterns (tried when no exact name matches: a
     * header never seen before, such as "MSISDN / Landline No."); ranked after every exact name.
     */
    private static Column byPattern(FormatProfile profile, String normalisedName, int[] rank) {
        int r = 1000;
        for (Map.Entry<String, List<String>> e : profile.columnPatterns().entrySet()) {
            for (String pattern : e.getValue()) {
                r++;
                if (Pattern.compile(pattern, Pattern.CASE_INSENSITIVE)
                        .matcher(normalisedName)
                        .find()) {
                    rank[0] = r;
                    return Column.fromKey(e.getKey());
                }
            }
        }
        return null;
    }

    /**
     * For formats whose records are not lines of cells (JSON, XML): a reader whose header is every
     * name the profile gives its columns, in the profile's order; the format's reader fills one cell per
     * name ({@link #pathsOf}) and hands the row over as a spreadsheet row.
     */
    static DelimitedProfile forPaths(FormatProfile profile, DeliveryRef delivery, ZoneId zone)
            throws UnreadableDelivery {
        return match(profile, pathsOf(profile))
                .orElseThrow(() -> new UnreadableDelivery(
                        "the " + profile.kind() + " profile " + profile.name() + " does not name its required columns"))
                .reader(delivery, zone);
    }

    /** Every name the profile gives its columns, once each, in the profile's order. */
    static List<String> pathsOf(FormatProfile profile) {
        return profile.columns().values().stream()
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    /** How a profile's required columns read to a person: "start_time", or "TIME1 or Date of Destination IP Transaction". */
    public static String requiredInWords(FormatProfile profile) {
        List<String> parts = new ArrayList<>();
        for (String alternatives : profile.required()) {
            List<String> names = new ArrayList<>();
            for (String key : alternatives.split("\\|")) {
                names.add(profile.columns().get(key.strip()).get(0));
            }
            parts.add(String.join(" or ", names));
        }
        return String.join(" and ", parts);
    }

    @Override
    public FormatProfile profile() {
        return profile;
    }

    /** Reads one data line. */
    @Override
    public LineResult read(DeliveryLines.Line line) {
        if (inSummary || (summary != null && summary.matcher(line.text()).find())) {
            inSummary = true;
            return LineResult.refused("part of the report's closing summary, not a record");
        }
        for (Pattern footer : footers) {
            if (footer.matcher(line.text()).find()) {
                return LineResult.refused("a banner, footer, comment or rule line of the report, not a record");
            }
        }
        List<String> cells;
        if (line.cells() != null) {
            cells = new ArrayList<>(line.cells());
            while (cells.size() < header.rawNames().size()) {
                cells.add(""); // a spreadsheet row ends at its last filled cell
            }
        } else {
            try {
                cells = header.cells(line.text());
            } catch (IOException e) {
                return LineResult.refused("the line cannot be split into fields: " + e.getMessage());
            }
        }
        int expected = header.rawNames().size();
        if (cells.size() == expected + 1 && cells.get(expected).isBlank()) {
            cells = cells.subList(0, expected); // a trailing delimiter
        }
        if (cells.size() != expected) {
            return LineResult.refused("the line has " + cells.size() + " fields where the header has " + expected);
        }
        Fields f = new Fields(cells);
        try {
            Instant start = f.start();
            Duration sessionLength = f.seconds(Column.DURATION);
            Instant end = f.end(start);
            if (end == null && sessionLength != null) {
                end = start.plus(sessionLength);
            }
            if (end != null && end.isBefore(start)) {
                throw new BadField(f.label(Column.END) + " " + f.endText() + " is before " + f.label(Column.START) + " "
                        + f.startText());
            }
            Long duration = end == null ? null : Duration.between(start, end).toNanos();
            String msisdn = f.msisdn();
            String imsi = f.digits(Column.IMSI);
            String imei = f.digits(Column.IMEI);
            String deviceId = f.text(Column.DEVICE_ID);
            if (imei == null && deviceId != null && deviceId.matches("[0-9]{14,16}")) {
                imei = deviceId; // the "other device identification number" column usually holds the IMEI
                deviceId = null;
            }
            String subscriberId = f.text(Column.SUBSCRIBER_ID);
            String privateIp = f.ip(Column.PRIVATE_IP);
            Integer privatePort = f.port(Column.PRIVATE_PORT);
            String publicIp = f.ip(Column.PUBLIC_IP);
            Integer publicPort = f.port(Column.PUBLIC_PORT);
            String destinationIp = f.ip(Column.DESTINATION_IP);
            Integer destinationPort = f.port(Column.DESTINATION_PORT);
            String transport = f.transport();
            Long bytesUp = f.volume(Column.BYTES_UP);
            Long bytesDown = f.volume(Column.BYTES_DOWN);
            String cellId = f.text(Column.CELL_ID);
            String lastCellId = f.text(Column.LAST_CELL_ID);
            SessionRecord.GeoPoint location = f.location();
            String apn = f.text(Column.APN);
            String rat = f.text(Column.RAT);

            String id = RecordIds.forSession(
                    delivery.isp(),
                    start,
                    end,
                    msisdn,
                    imsi,
                    imei,
                    deviceId,
                    subscriberId,
                    privateIp,
                    privatePort,
                    publicIp,
                    publicPort,
                    destinationIp,
                    destinationPort,
                    transport,
                    bytesUp,
                    bytesDown,
                    cellId,
                    lastCellId,
                    location,
                    apn,
                    rat);
            boolean namesSubscriber = msisdn != null || imsi != null || subscriberId != null || imei != null;
            if (profile.binding() != null) {
                return binding(
                        line,
                        f,
                        start,
                        end,
                        duration,
                        privateIp,
                        publicIp,
                        publicPort,
                        bytesUp,
                        bytesDown,
                        new SessionRecord.AParty(subscriberId, msisdn, imsi, imei, deviceId, null),
                        namesSubscriber);
            }
            SessionRecord record = new SessionRecord(
                    start,
                    new SessionRecord.Event(id, start, end, duration, profile.name(), line.text()),
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
                            namesSubscriber || deviceId != null
                                    ? new SessionRecord.AParty(subscriberId, msisdn, imsi, imei, deviceId, null)
                                    : null,
                            cellId == null && location == null && lastCellId == null
                                    ? null
                                    : new SessionRecord.Cell(cellId, location, lastCellId),
                            apn == null && rat == null
                                    ? null
                                    : new SessionRecord.Access(apn, rat == null ? null : rat.toUpperCase(Locale.ROOT)),
                            delivery.isp(),
                            delivery.feed(),
                            tag,
                            new SessionRecord.Delivery(delivery.id(), line.number()),
                            namesSubscriber ? new SessionRecord.Attribution("direct", null, null) : null,
                            null,
                            null),
                    new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), line.offsetOrNull()),
                    new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256())));
            return new LineResult.Accepted(record);
        } catch (BadField e) {
            return LineResult.refused(e.getMessage());
        }
    }

    /**
     * A row of a binding report (a RADIUS accounting export): the address held by the subscriber from
     * the start time, until the end time when the row has one.
     */
    private LineResult binding(
            DeliveryLines.Line line,
            Fields f,
            Instant start,
            Instant end,
            Long duration,
            String privateIp,
            String publicIp,
            Integer publicPort,
            Long bytesUp,
            Long bytesDown,
            SessionRecord.AParty subscriber,
            boolean namesSubscriber)
            throws BadField {
        if (privateIp == null && publicIp == null) {
            throw new BadField("the row names no address, so it binds nothing");
        }
        if (!namesSubscriber && subscriber.deviceId() == null) {
            throw new BadField("the row names no subscriber");
        }
        // only a stop time closes a binding (a session time without one is an interim report)
        end = f.end(start);
        duration = end == null ? null : java.time.Duration.between(start, end).toNanos();
        String sessionId = f.text(Column.SESSION_ID);
        String reporter = f.ip(Column.REPORTER_IP);
        String action = end == null ? io.flowanalyzer.model.NatBinding.START : io.flowanalyzer.model.NatBinding.END;
        String id = RecordIds.forBinding(
                delivery.isp(),
                profile.binding(),
                action,
                start,
                end,
                privateIp,
                publicIp,
                publicPort,
                subscriber.subscriberId(),
                subscriber.msisdn(),
                subscriber.imsi(),
                sessionId,
                reporter);
        Instant at = end != null ? end : start;
        return new LineResult.Binding(new io.flowanalyzer.model.NatBinding(
                at,
                new io.flowanalyzer.model.NatBinding.Event(
                        id, action, start, end, duration, null, profile.name(), line.text()),
                new SessionRecord.Source(
                        privateIp,
                        null,
                        publicIp == null ? null : new SessionRecord.Nat(publicIp, publicPort),
                        bytesUp),
                bytesDown == null ? null : new SessionRecord.Destination(null, null, bytesDown),
                null,
                new io.flowanalyzer.model.NatBinding.Ipdr(
                        subscriber,
                        delivery.isp(),
                        delivery.feed(),
                        tag,
                        new SessionRecord.Delivery(delivery.id(), line.number()),
                        new io.flowanalyzer.model.NatBinding.Binding(
                                profile.binding(), null, null, sessionId, reporter, null)),
                new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), line.offsetOrNull()),
                new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256()))));
    }

    /** The cells of one line, read by canonical column. */
    private final class Fields {
        private final List<String> cells;

        Fields(List<String> cells) {
            this.cells = cells;
        }

        /** How reasons name a column: as this file's header writes it, else by the profile's first name for it. */
        String label(Column column) {
            int[] indices = columns[column.ordinal()];
            if (indices != null) {
                return header.rawNames().get(indices[0]).strip();
            }
            List<String> aliases = profile.columns().get(column.key());
            if (aliases == null || aliases.isEmpty()) {
                return column.key();
            }
            return aliases.get(0);
        }

        /** The first non-empty cell of the column, trimmed; null when absent or empty (also "-", "NA", "null"). */
        String raw(Column column) {
            int[] indices = columns[column.ordinal()];
            if (indices == null) {
                return null;
            }
            for (int i : indices) {
                String v = cells.get(i).strip();
                boolean absent = v.isEmpty()
                        || (v.length() <= longestEmptyMarker
                                && (v.charAt(0) >= 128 || markerStarts[v.charAt(0)])
                                && isEmptyMarker(v));
                if (!absent) {
                    return v;
                }
            }
            return null;
        }

        private boolean isEmptyMarker(String v) {
            for (String marker : emptyMarkers) {
                if (marker.equalsIgnoreCase(v)) {
                    return true;
                }
            }
            return false;
        }

        String text(Column column) throws BadField {
            return FieldValues.text(() -> label(column), raw(column));
        }

        String startText() {
            String v = raw(Column.START);
            return v != null
                    ? v
                    : (raw(Column.START_DATE) + (raw(Column.START_CLOCK) == null ? "" : " " + raw(Column.START_CLOCK)));
        }

        String endText() {
            String v = raw(Column.END);
            return v != null
                    ? v
                    : (raw(Column.END_DATE) + (raw(Column.END_CLOCK) == null ? "" : " " + raw(Column.END_CLOCK)));
        }

        Instant start() throws BadField {
            Instant t = time(Column.START, Column.START_DATE, Column.START_CLOCK, null);
            if (t == null) {
                String label = columns[Column.START.ordinal()] != null ? label(Column.START) : label(Column.START_DATE);
                throw new BadField(label + " is empty");
            }
            return t;
        }

        Instant end(Instant start) throws BadField {
            return time(Column.END, Column.END_DATE, Column.END_CLOCK, start);
        }

        /** A date-time column, else a date column with a time-of-day column (an end date may be left out: the start's day). */
        private Instant time(Column dateTime, Column date, Column clock, Instant start) throws BadField {
            String v = raw(dateTime);
            if (v != null) {
                return times.parse(v, zone)
                        .orElseThrow(() -> new BadField(label(dateTime) + " '" + FieldValues.abbreviate(v, 60)
                                + "' is not a time (expected " + times.describe() + ")"));
            }
            String d = raw(date);
            String c = raw(clock);
            if (d == null && c == null) {
                return null;
            }
            // Operators put a whole date-time into a "date" or a "time" column too: take it as it is.
            for (String whole : new String[] {c, d}) {
                if (whole != null) {
                    Optional<Instant> t = times.parse(whole, zone);
                    if (t.isPresent() && whole.strip().length() > 10) {
                        return t.get();
                    }
                }
            }
            LocalDate day;
            if (d != null) {
                day = dates.parseDate(d)
                        .orElseThrow(() -> new BadField(label(date) + " '" + FieldValues.abbreviate(d, 60)
                                + "' is not a date (expected " + dates.describe() + ")"));
            } else if (start != null) {
                day = start.atZone(zone).toLocalDate();
            } else {
                throw new BadField(label(date) + " is empty");
            }
            if (c == null) {
                throw new BadField(label(clock) + " is empty");
            }
            LocalTime clockTime = clocks.parseClock(c)
                    .orElseThrow(() -> new BadField(label(clock) + " '" + FieldValues.abbreviate(c, 60)
                            + "' is not a time of day (expected " + clocks.describe() + ")"));
            return day.atTime(clockTime).atZone(zone).toInstant();
        }

        String ip(Column column) throws BadField {
            return FieldValues.ip(() -> label(column), raw(column));
        }

        Integer port(Column column) throws BadField {
            return FieldValues.port(() -> label(column), raw(column));
        }

        Duration seconds(Column column) throws BadField {
            return FieldValues.seconds(() -> label(column), raw(column));
        }

        Long volume(Column column) throws BadField {
            String v = raw(column);
            return v == null
                    ? null
                    : FieldValues.count(() -> label(column), v, "a whole number of bytes") * volumeFactor;
        }

        String digits(Column column) throws BadField {
            return FieldValues.digits(() -> label(column), raw(column));
        }

        String msisdn() throws BadField {
            return FieldValues.msisdn(() -> label(Column.MSISDN), raw(Column.MSISDN), profile.msisdnCountryCode());
        }

        String transport() throws BadField {
            return FieldValues.transport(() -> label(Column.PROTOCOL), raw(Column.PROTOCOL));
        }

        SessionRecord.GeoPoint location() throws BadField {
            String lat = raw(Column.LAT);
            String lon = raw(Column.LON);
            if (lat == null && lon == null) {
                return null;
            }
            if (lat == null || lon == null) {
                throw new BadField("lat and lon must be given together (lat '" + (lat == null ? "" : lat) + "', lon '"
                        + (lon == null ? "" : lon) + "')");
            }
            return new SessionRecord.GeoPoint(coordinate(Column.LAT, lat, 90), coordinate(Column.LON, lon, 180));
        }

        private double coordinate(Column column, String v, double limit) throws BadField {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || d < -limit || d > limit) {
                    throw new BadField(label(column) + " '" + v + "' is outside -" + (int) limit + ".." + (int) limit);
                }
                return d;
            } catch (NumberFormatException e) {
                throw new BadField(label(column) + " '" + FieldValues.abbreviate(v, 60) + "' is not a number");
            }
        }
    }
}
