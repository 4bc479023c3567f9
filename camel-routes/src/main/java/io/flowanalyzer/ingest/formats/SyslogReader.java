package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.SyslogMessage;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.TimeFormats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NAT/CGNAT syslog with a {@code syslog} profile: the time from the start of each line, then the
 * first of the profile's messages that the line holds, its values from the message's named groups and
 * {@code key=value} fields. A line that holds none of them is a reject that says so (firewalls log much
 * else besides translations), as is a translation without both its addresses.
 */
public final class SyslogReader implements RecordReader.PerLine {
    private static final Pattern KEY_VALUE =
            Pattern.compile("([A-Za-z0-9_.-]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\\]]*))");
    private static final Pattern YEARLESS = Pattern.compile("[A-Za-z]{3} \\d{1,2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
    private static final DateTimeFormatter WITH_YEAR = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu MMM d HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ENGLISH);

    private final FormatProfile profile;
    private final DeliveryRef delivery;
    private final ZoneId zone;
    private final Instant receivedAt;
    private final TimeFormats times;
    private final Pattern timePattern;
    private final List<Message> messages;

    private record Message(SyslogMessage spec, Pattern pattern, List<String> groups, ZoneId valueZone) {}

    /**
     * @param receivedAt when the delivery arrived: a syslog time written without a year (RFC 3164) is
     *     given the year that puts it last before this instant (a day of clock skew allowed)
     */
    public SyslogReader(FormatProfile profile, DeliveryRef delivery, ZoneId zone, Instant receivedAt) {
        this.profile = profile;
        this.delivery = delivery;
        this.zone = zone;
        this.receivedAt = receivedAt;
        this.times = TimeFormats.of(profile.timeFormats());
        this.timePattern = Pattern.compile(profile.timePattern());
        this.messages = profile.messages().stream()
                .map(m -> new Message(
                        m,
                        Pattern.compile(m.match()),
                        m.groups(),
                        m.valueZone() == null ? zone : ZoneId.of(m.valueZone())))
                .toList();
    }

    @Override
    public FormatProfile profile() {
        return profile;
    }

    @Override
    public LineResult read(DeliveryLines.Line line) {
        String text = line.text();
        Matcher t = timePattern.matcher(text);
        if (!t.lookingAt() || t.group("time") == null) {
            return LineResult.refused("the line does not start with a syslog time");
        }
        for (Message message : messages) {
            Matcher m = message.pattern().matcher(text);
            if (m.find()) {
                try {
                    return new LineResult.Binding(binding(line, time(t.group("time")), message, m));
                } catch (BadField e) {
                    return LineResult.refused(e.getMessage());
                }
            }
        }
        return LineResult.refused(
                "not a NAT translation or port-block message that the " + profile.name() + " profile reads ("
                        + FieldValues.abbreviate(text.substring(t.end()).replaceFirst("^[\\s:]+", ""), 80) + ")");
    }

    private Instant time(String text) throws BadField {
        String s = FieldValues.singleSpaced(text);
        var parsed = times.parse(s, zone);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        if (YEARLESS.matcher(s).matches()) {
            int year = receivedAt.atZone(zone).getYear();
            try {
                Instant t = java.time.LocalDateTime.parse(year + " " + s, WITH_YEAR)
                        .atZone(zone)
                        .toInstant();
                if (t.isAfter(receivedAt.plus(1, ChronoUnit.DAYS))) {
                    t = java.time.LocalDateTime.parse((year - 1) + " " + s, WITH_YEAR)
                            .atZone(zone)
                            .toInstant();
                }
                return t.truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                // fall through to the reason below
            }
        }
        throw new BadField("the syslog time '" + FieldValues.abbreviate(text, 60) + "' is not a time (expected "
                + times.describe() + ")");
    }

    private NatBinding binding(DeliveryLines.Line line, Instant time, Message message, Matcher m) throws BadField {
        Map<String, String> values = new HashMap<>();
        for (String group : message.groups()) {
            String v = m.group(group);
            if (v != null && !v.isBlank()) {
                values.put(group, v.strip());
            }
        }
        if (!message.spec().fields().isEmpty()) {
            Map<String, String> pairs = keyValues(line.text());
            message.spec().fields().forEach((name, key) -> {
                String v = pairs.get(key);
                if (v != null && !v.isBlank() && !v.equalsIgnoreCase("n/a") && !v.equals("-")) {
                    values.putIfAbsent(name, v.strip());
                }
            });
        }
        String kind = message.spec().binding();
        String action = message.spec().action();
        String privateIp = FieldValues.ip(() -> "the private address", values.get("privateIp"));
        Integer privatePort = FieldValues.port(() -> "the private port", values.get("privatePort"));
        String publicIp = FieldValues.ip(() -> "the public address", values.get("publicIp"));
        Integer publicPort = FieldValues.port(() -> "the public port", values.get("publicPort"));
        Integer portStart = FieldValues.port(() -> "the first port of the block", values.get("portStart"));
        Integer portEnd = FieldValues.port(() -> "the last port of the block", values.get("portEnd"));
        String destinationIp = FieldValues.ip(() -> "the destination address", values.get("destinationIp"));
        Integer destinationPort = FieldValues.port(() -> "the destination port", values.get("destinationPort"));
        String transport = FieldValues.transport(() -> "the protocol", values.get("protocol"));
        Long bytesUp = values.containsKey("bytesUp")
                ? FieldValues.count(() -> "the bytes sent", values.get("bytesUp"), "a whole number of bytes")
                : null;
        Long bytesDown = values.containsKey("bytesDown")
                ? FieldValues.count(() -> "the bytes received", values.get("bytesDown"), "a whole number of bytes")
                : null;
        Duration duration = FieldValues.seconds(() -> "the duration", values.get("duration"));
        if (duration == null) {
            duration = FieldValues.seconds(() -> "the elapsed time", values.get("elapsed"));
        }
        Instant explicitStart = explicitTime("the start time", values.get("start"), message.valueZone());
        Instant explicitEnd = explicitTime("the end time", values.get("end"), message.valueZone());
        Instant allocated = allocated(values.get("allocated"));

        if (privateIp == null || publicIp == null) {
            throw new BadField("the " + message.spec().code() + " message names no "
                    + (privateIp == null ? "private" : "public") + " address, so it binds nothing");
        }
        if (NatBinding.TRANSLATION.equals(kind)
                && privateIp.equals(publicIp)
                && java.util.Objects.equals(privatePort, publicPort)) {
            throw new BadField("the connection was not translated (its public address and port are its private"
                    + " ones), so it binds nothing");
        }
        if (NatBinding.PORT_BLOCK.equals(kind)) {
            if (portStart == null || portEnd == null || portEnd < portStart) {
                throw new BadField("the port block " + values.getOrDefault("portStart", "?") + "-"
                        + values.getOrDefault("portEnd", "?") + " is not a range of ports");
            }
        }

        Instant start = explicitStart;
        Instant end = explicitEnd;
        switch (action) {
            case NatBinding.START -> start = start != null ? start : time;
            case NatBinding.END -> {
                end = end != null ? end : time;
                if (start == null && duration != null) {
                    start = end.minus(duration);
                }
                if (start == null) {
                    start = allocated;
                }
            }
            default -> start = start != null ? start : allocated;
        }
        if (start != null && end != null && end.isBefore(start)) {
            throw new BadField("the binding ends (" + end + ") before it starts (" + start + ")");
        }
        Long nanos = start != null && end != null ? Duration.between(start, end).toNanos() : null;

        String id = RecordIds.forBinding(
                delivery.isp(),
                kind,
                action,
                time,
                start,
                end,
                privateIp,
                privatePort,
                publicIp,
                publicPort,
                portStart,
                portEnd,
                destinationIp,
                destinationPort,
                transport);
        return new NatBinding(
                time,
                new NatBinding.Event(
                        id, action, start, end, nanos, message.spec().code(), profile.name(), line.text()),
                new SessionRecord.Source(privateIp, privatePort, new SessionRecord.Nat(publicIp, publicPort), bytesUp),
                destinationIp == null && destinationPort == null && bytesDown == null
                        ? null
                        : new SessionRecord.Destination(destinationIp, destinationPort, bytesDown),
                transport == null ? null : new SessionRecord.Network(transport),
                new NatBinding.Ipdr(
                        null,
                        delivery.isp(),
                        delivery.feed(),
                        profile.tag(),
                        new SessionRecord.Delivery(delivery.id(), line.number()),
                        new NatBinding.Binding(kind, portStart, portEnd, null, null, null)),
                new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), line.offsetOrNull()),
                new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256())));
    }

    private Instant explicitTime(String label, String v, ZoneId valueZone) throws BadField {
        if (v == null || v.matches("0{4}[-/]0{2}[-/]0{2}.*")) {
            return null; // H3C writes an all-zero end for a translation still open
        }
        return times.parse(FieldValues.singleSpaced(v), valueZone)
                .orElseThrow(() -> new BadField(label + " '" + FieldValues.abbreviate(v, 60) + "' is not a time"));
    }

    /** Juniper's port-block lines end with the block's allocation time in hexadecimal epoch seconds. */
    private static Instant allocated(String v) throws BadField {
        if (v == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v, 16);
            return Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            throw new BadField(
                    "the allocation time '" + FieldValues.abbreviate(v, 30) + "' is not hexadecimal seconds");
        }
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> pairs = new HashMap<>();
        Matcher kv = KEY_VALUE.matcher(text);
        while (kv.find()) {
            pairs.putIfAbsent(kv.group(1), kv.group(2) != null ? kv.group(2) : kv.group(3));
        }
        return pairs;
    }
}
