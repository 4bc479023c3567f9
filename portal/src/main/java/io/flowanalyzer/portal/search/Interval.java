package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A histogram interval a person reads easily (1 min, 1 h, 1 d, 1 month …): the smallest that splits
 * a span into at most the wanted number of bars. Months and years are calendar intervals.
 */
public record Interval(String name, Duration fixed, CalendarInterval calendar) {

    static final List<Interval> NICE = List.of(
            fixed("1s", Duration.ofSeconds(1)),
            fixed("5s", Duration.ofSeconds(5)),
            fixed("10s", Duration.ofSeconds(10)),
            fixed("30s", Duration.ofSeconds(30)),
            fixed("1m", Duration.ofMinutes(1)),
            fixed("5m", Duration.ofMinutes(5)),
            fixed("10m", Duration.ofMinutes(10)),
            fixed("30m", Duration.ofMinutes(30)),
            fixed("1h", Duration.ofHours(1)),
            fixed("3h", Duration.ofHours(3)),
            fixed("6h", Duration.ofHours(6)),
            fixed("12h", Duration.ofHours(12)),
            fixed("1d", Duration.ofDays(1)),
            fixed("7d", Duration.ofDays(7)),
            new Interval("1M", Duration.ofDays(31), CalendarInterval.Month),
            new Interval("1q", Duration.ofDays(92), CalendarInterval.Quarter),
            new Interval("1y", Duration.ofDays(366), CalendarInterval.Year));

    private static Interval fixed(String name, Duration d) {
        return new Interval(name, d, null);
    }

    /** The smallest nice interval giving at most {@code bars} bars over {@code span}. */
    public static Interval forSpan(Duration span, int bars) {
        for (Interval i : NICE) {
            if (span.toMillis() / i.fixed.toMillis() < bars) {
                return i;
            }
        }
        return NICE.get(NICE.size() - 1);
    }

    /** The end of the bucket that starts at {@code start}. */
    public Instant after(Instant start) {
        if (calendar == null) {
            return start.plus(fixed);
        }
        var utc = start.atOffset(ZoneOffset.UTC);
        return switch (calendar) {
            case Month -> utc.plusMonths(1).toInstant();
            case Quarter -> utc.plusMonths(3).toInstant();
            default -> utc.plusYears(1).toInstant();
        };
    }
}
