package io.flowanalyzer.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads the session times feeds write: ISO-8601 with an offset, or a local {@code yyyy-MM-dd HH:mm:ss}
 * (a {@code T} is also accepted, fractions too) in the feed's time zone. Results are UTC instants at
 * millisecond precision.
 */
public final class EventTimes {
    private EventTimes() {}

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** The instant {@code text} names, reading a zone-less time in {@code zone}; empty when it is no such time. */
    public static Optional<Instant> parse(String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException notWithOffset) {
            // fall through to the local form
        }
        try {
            LocalDateTime local = LocalDateTime.parse(s, LOCAL);
            return Optional.of(local.atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeException notLocal) {
            return Optional.empty();
        }
    }
}
