package io.flowanalyzer.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
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

    /**
     * The two shapes nearly every delivery uses — {@code yyyy-MM-dd HH:mm:ss} and ISO-8601
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM|±HHMM)} — read by hand, several times faster than
     * java.time's parsers; null for anything else (which then goes the general way, with the same result).
     */
    static Instant fast(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int dayOfMonth = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | dayOfMonth) < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' && i + 1 == n) {
                offsetSeconds = 0;
            } else if ((c == '+' || c == '-') && (n - i == 6 && s.charAt(i + 3) == ':' || n - i == 5)) {
                int oh = digits(s, i + 1, i + 3);
                int om = n - i == 6 ? digits(s, i + 4, i + 6) : digits(s, i + 3, i + 5);
                int total = oh * 3600 + om * 60;
                if (oh < 0 || om < 0 || om > 59 || total > 18 * 3600) {
                    return null; // the general way refuses it in its words (ZoneOffset would throw)
                }
                offsetSeconds = c == '-' ? -total : total;
            } else {
                return null;
            }
        } else {
            offsetSeconds = Integer.MIN_VALUE; // the zone's
        }
        LocalDay day = LocalDay.of(year, month, dayOfMonth, zone);
        if (day == null) {
            return null; // no such date: the general way says so in its words
        }
        int millisNanos = nanos - nanos % 1_000_000;
        if (offsetSeconds == Integer.MIN_VALUE) {
            if (day.steadyOffset == Integer.MIN_VALUE) {
                // the zone changes its offset that day (summer time): java.time settles gaps and overlaps
                return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second, millisNanos)
                        .atZone(zone)
                        .toInstant();
            }
            offsetSeconds = day.steadyOffset;
        }
        return Instant.ofEpochSecond(
                day.epochDay * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds, millisNanos);
    }

    /** The epoch day of a calendar date, or Long.MIN_VALUE when there is no such date (31 April). */
    static long epochDay(int year, int month, int day) {
        LocalDay d = LocalDay.of(year, month, day, java.time.ZoneOffset.UTC);
        return d == null ? Long.MIN_VALUE : d.epochDay;
    }

    /**
     * A calendar day in a zone, with its epoch day and the zone's offset when it holds all that day
     * (Integer.MIN_VALUE when the offset changes that day): a delivery's times mostly fall on few days, and
     * java.time's date checks and zone rules per time were the largest part of reading one. Kept in a small
     * table by day and zone, so that threads reading deliveries of other days or zones do not displace each
     * other's; immutable, so a thread that reads another's entry reads it whole.
     */
    private record LocalDay(int year, int month, int day, ZoneId zone, long epochDay, int steadyOffset) {
        private static final LocalDay[] KEPT = new LocalDay[64];

        /** The day, or null when there is no such date (31 April). */
        static LocalDay of(int year, int month, int day, ZoneId zone) {
            int h = ((year * 12 + month) * 31 + day) * 0x9E3779B9 + zone.hashCode();
            int slot = (h ^ h >>> 16) & (KEPT.length - 1);
            LocalDay known = KEPT[slot];
            if (known != null
                    && known.day == day
                    && known.month == month
                    && known.year == year
                    && known.zone.equals(zone)) {
                return known;
            }
            java.time.LocalDate date;
            try {
                date = java.time.LocalDate.of(year, month, day);
            } catch (DateTimeException noSuchDate) {
                return null;
            }
            LocalDay d = new LocalDay(year, month, day, zone, date.toEpochDay(), steadyOffset(date, zone));
            KEPT[slot] = d;
            return d;
        }

        private static int steadyOffset(java.time.LocalDate date, ZoneId zone) {
            java.time.zone.ZoneRules rules = zone.getRules();
            if (rules.isFixedOffset()) {
                return rules.getOffset(Instant.EPOCH).getTotalSeconds();
            }
            // steady when no transition lies between a day before and a day after (leaves a margin for either side)
            Instant before =
                    date.minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            Instant after =
                    date.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            java.time.zone.ZoneOffsetTransition next = rules.nextTransition(before);
            if (next != null && next.getInstant().isBefore(after)) {
                return Integer.MIN_VALUE;
            }
            return rules.getOffset(before).getTotalSeconds();
        }
    }

    static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The instant {@code text} names, reading a zone-less time in {@code zone}; empty when it is no such time. */
    public static Optional<Instant> parse(String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Instant fast = fast(s, zone);
        return fast != null ? Optional.of(fast) : general(s, zone);
    }

    /** java.time's reading of the accepted forms: the reference the fast path must agree with. */
    static Optional<Instant> general(String s, ZoneId zone) {
        try {
            java.time.temporal.TemporalAccessor withOffset =
                    TimeFormats.tryParse(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME, s);
            if (withOffset != null) {
                return Optional.of(OffsetDateTime.from(withOffset).toInstant().truncatedTo(ChronoUnit.MILLIS));
            }
            java.time.temporal.TemporalAccessor local = TimeFormats.tryParse(LOCAL, s);
            if (local == null) {
                return Optional.empty();
            }
            return Optional.of(
                    LocalDateTime.from(local).atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeException notThisForm) {
            return Optional.empty();
        }
    }
}
