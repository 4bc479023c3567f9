package io.flowanalyzer.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which time-based index a session or a NAT/RADIUS binding event is written to: one a UTC month
 * ({@code ipdr-sessions-2024.03}, the default), or one a UTC day ({@code ipdr-sessions-2024.03.01}, the
 * layout of data directories begun before monthly indices). A month a shard because a delivery spans
 * months or years of a few subscribers' records: a day a shard made hundreds of small shards, each
 * refreshed and merged on its own (the ingest bench measured the same documents 1.35–1.5× slower into
 * daily indices than into one). Every writer of a data directory must use the same layout, since a
 * late update finds its document by index and id.
 */
public enum IndexLayout {
    MONTH("yyyy.MM", Pattern.compile("-\\d{4}\\.\\d{2}$"), "monthly", ChronoUnit.MONTHS),
    DAY("yyyy.MM.dd", Pattern.compile("-\\d{4}\\.\\d{2}\\.\\d{2}$"), "daily", ChronoUnit.DAYS);

    private final DateTimeFormatter period;
    private final Pattern suffix;
    private final String adjective;
    private final ChronoUnit unit;
    /** The period last named: a delivery's records mostly fall in the period of the one before. */
    private volatile Named last = new Named(0, 0, "");

    IndexLayout(String pattern, Pattern suffix, String adjective, ChronoUnit unit) {
        this.period = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        this.suffix = suffix;
        this.adjective = adjective;
        this.unit = unit;
    }

    /** A period as epoch seconds, from (inclusive) to (exclusive), and its name. */
    private record Named(long from, long to, String name) {}

    /** As a report says it: {@code monthly} or {@code daily}. */
    public String adjective() {
        return adjective;
    }

    /** The index for a session that started at {@code timestamp}. */
    public String sessionsIndexFor(Instant timestamp) {
        return Indices.SESSIONS_PREFIX + periodOf(timestamp);
    }

    /** The index for a NAT or RADIUS binding event that happened at {@code timestamp}. */
    public String natIndexFor(Instant timestamp) {
        return Indices.NAT_PREFIX + periodOf(timestamp);
    }

    private String periodOf(Instant timestamp) {
        Named named = last;
        long at = timestamp.getEpochSecond();
        if (at >= named.from() && at < named.to()) {
            return named.name();
        }
        String name = period.format(timestamp);
        LocalDate day = LocalDate.ofInstant(timestamp, ZoneOffset.UTC);
        LocalDate start = unit == ChronoUnit.MONTHS ? day.withDayOfMonth(1) : day;
        if (start.getYear() > 0 && start.getYear() < 10_000) { // far from where the calendar ends
            last = new Named(
                    start.atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                    start.plus(1, unit).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                    name);
        }
        return name;
    }

    /** Whether {@code index} is a session or NAT index of this layout. */
    public boolean names(String index) {
        return (index.startsWith(Indices.SESSIONS_PREFIX) || index.startsWith(Indices.NAT_PREFIX))
                && suffix.matcher(index).find();
    }

    /** As a job argument says it: {@code month} or {@code day}. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code month} or {@code day} (any case). */
    public static IndexLayout of(String argument) {
        for (IndexLayout layout : values()) {
            if (layout.argument().equalsIgnoreCase(argument.strip())) {
                return layout;
            }
        }
        throw new IllegalArgumentException(
                "index period '" + argument + "' is neither 'month' nor 'day' (one index a UTC month or a UTC day)");
    }
}
