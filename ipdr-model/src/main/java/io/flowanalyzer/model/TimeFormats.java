package io.flowanalyzer.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of accepted time layouts, tried in order: {@code iso} (ISO-8601 with an offset, or without
 * one in the feed's zone, as {@link EventTimes} reads it) or a {@link DateTimeFormatter} pattern such as
 * {@code dd/MM/yyyy HH:mm:ss}. Layouts without a zone are read in the zone given; resolution is strict
 * (no 30 February). Results are UTC instants at millisecond precision.
 */
public final class TimeFormats {
    private final List<String> patterns;
    private final List<DateTimeFormatter> formatters;

    private TimeFormats(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.formatters = new ArrayList<>();
        for (String p : patterns) {
            formatters.add(
                    p.equalsIgnoreCase("iso") || p.equalsIgnoreCase("epoch") || p.equalsIgnoreCase("epoch_millis")
                            ? null
                            : strict(p));
        }
    }

    public static TimeFormats of(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("a time format list needs at least one layout");
        }
        return new TimeFormats(patterns);
    }

    /** A pattern resolved strictly; {@code yyyy} means the proleptic year, as people mean it. */
    static DateTimeFormatter strict(String pattern) {
        return new java.time.format.DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern.replace('y', 'u'))
                .toFormatter(java.util.Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** The instant {@code text} names in one of the layouts, reading zone-less ones in {@code zone}. */
    public Optional<Instant> parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        for (int i = 0; i < formatters.size(); i++) {
            DateTimeFormatter f = formatters.get(i);
            String pattern = patterns.get(i);
            if (pattern.equalsIgnoreCase("epoch") || pattern.equalsIgnoreCase("epoch_millis")) {
                Optional<Instant> epoch = epoch(s, pattern.equalsIgnoreCase("epoch_millis"));
                if (epoch.isPresent()) {
                    return epoch;
                }
                continue;
            }
            if (f == null) {
                Optional<Instant> iso = EventTimes.parse(s, zone);
                if (iso.isPresent()) {
                    return iso;
                }
                continue;
            }
            TemporalAccessor t = tryParse(f, s);
            if (t == null) {
                continue;
            }
            try {
                Instant instant = t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                        ? java.time.OffsetDateTime.from(t).toInstant()
                        : java.time.LocalDateTime.from(t).atZone(zone).toInstant();
                return Optional.of(instant.truncatedTo(ChronoUnit.MILLIS));
            } catch (DateTimeException notThisLayout) {
                // try the next layout
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} parsed and resolved by {@code f}, or null when it is not in that layout — found without
     * an exception, since most tries are misses (layouts are tried in turn on every line) and a
     * {@link java.time.format.DateTimeParseException} with its stack trace costs more than the parse.
     */
    static TemporalAccessor tryParse(DateTimeFormatter f, CharSequence text) {
        java.text.ParsePosition position = new java.text.ParsePosition(0);
        if (f.parseUnresolved(text, position) == null
                || position.getErrorIndex() >= 0
                || position.getIndex() < text.length()) {
            return null;
        }
        try {
            return f.parse(text);
        } catch (DateTimeException unresolvable) {
            return null; // 31 February and the like
        }
    }

    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("[0-9]{9,13}(\\.[0-9]{1,9})?");

    /** Seconds (with a fraction, as Zeek writes 1709285730.123456) or milliseconds since 1970, within years 1990–2100. */
    private static Optional<Instant> epoch(String s, boolean millis) {
        if (!EPOCH.matcher(s).matches()) {
            return Optional.empty();
        }
        java.math.BigDecimal value = new java.math.BigDecimal(s);
        long ms = (millis ? value : value.movePointRight(3))
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValue();
        Instant t = Instant.ofEpochMilli(ms);
        if (t.isBefore(Instant.parse("1990-01-01T00:00:00Z")) || t.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Reads a calendar date in one of the layouts. */
    public Optional<LocalDate> parseDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : formatters) {
            try {
                return Optional.of(f == null ? LocalDate.parse(text.strip()) : LocalDate.parse(text.strip(), f));
            } catch (DateTimeException notThisLayout) {
                // try the next layout
            }
        }
        return Optional.empty();
    }

    /** Reads a time of day in one of the layouts. */
    public Optional<LocalTime> parseClock(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : formatters) {
            try {
                return Optional.of(f == null ? LocalTime.parse(text.strip()) : LocalTime.parse(text.strip(), f));
            } catch (DateTimeException notThisLayout) {
                // try the next layout
            }
        }
        return Optional.empty();
    }

    /** The layouts in words, for a reject's reason: "ISO-8601 with an offset, or dd/MM/yyyy HH:mm:ss". */
    public String describe() {
        List<String> words = new ArrayList<>();
        for (String p : patterns) {
            words.add(
                    p.equalsIgnoreCase("iso")
                            ? "ISO-8601 with an offset"
                            : p.equalsIgnoreCase("epoch")
                                    ? "seconds since 1970"
                                    : p.equalsIgnoreCase("epoch_millis") ? "milliseconds since 1970" : p);
        }
        return String.join(", or ", words);
    }
}
