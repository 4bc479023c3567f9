package io.flowanalyzer.portal.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A scheduled alert rule as stored in {@code ipdr-objects} ({@code rule:<id>}): a saved search checked
 * every {@code everyMinutes}, or at the times of {@code cron} (UTC), against the deliveries that arrived since the last check — however old the
 * records in them are, since ISPs deliver history in batches — and a condition: {@code new} (any
 * matching record), {@code count} (at least {@code threshold} of them), {@code distinct} (a value of
 * {@code field} — a facet such as {@code b_party} — that the saved search never had before, such as a new
 * B-party of a watched subscriber) or {@code watch} (a watch list of a case, {@code list}: one firing for
 * each delivery and case that names any of its identifiers; no saved search). {@code emailTo}: the
 * addresses each firing is e-mailed to, when an SMTP server is configured. {@code watermark}: deliveries
 * finished up to this time have been checked; it moves only after a run's firing is stored, so a run cut
 * short by a restart is finished, not repeated or skipped.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(
        String type,
        String id,
        String title,
        String view,
        String owner,
        int everyMinutes,
        String cron,
        String condition,
        Long threshold,
        String field,
        String list,
        String caseNumber,
        java.util.List<String> emailTo,
        boolean enabled,
        Instant createdAt,
        Instant watermark,
        Instant lastRun,
        Instant nextRun,
        long runs,
        long firings) {

    public static final String TYPE = "rule";
    public static final String NEW = "new";
    public static final String COUNT = "count";
    public static final String DISTINCT = "distinct";
    public static final String WATCH = "watch";

    /** How far it has checked, as the rules page shows it (to the second, UTC); empty before its first run. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String checkedUpTo() {
        return watermark == null ? "" : io.flowanalyzer.portal.system.PageTimes.shown(watermark);
    }

    public static String documentId(String id) {
        return "rule:" + id;
    }

    /** The rule after a run that checked deliveries up to {@code checkedTo} and stored {@code fired} firings. */
    AlertRule ran(Instant now, Instant checkedTo, int fired) {
        return progressed(checkedTo, now, next(now), runs + 1, firings + fired);
    }

    /**
     * When it runs next after {@code now}: at the next time its {@code cron} names (six fields, second to
     * weekday, in UTC), or {@code everyMinutes} on.
     */
    Instant next(Instant now) {
        if (cron == null) {
            return now.plusSeconds(60L * everyMinutes);
        }
        var at = org.springframework.scheduling.support.CronExpression.parse(cron)
                .next(now.atZone(java.time.ZoneOffset.UTC));
        return at == null ? now.plusSeconds(60L * 24 * 60) : at.toInstant();
    }

    /** This new rule with its first run at its schedule's first time after {@code now}. */
    AlertRule scheduledFrom(Instant now) {
        return progressed(watermark, lastRun, next(now), runs, firings);
    }

    /** This rule with its schedule's state replaced (what a run, or the first scheduling, changes). */
    private AlertRule progressed(Instant mark, Instant last, Instant nextAt, long runCount, long firingCount) {
        return new AlertRule(
                TYPE,
                id,
                title,
                view,
                owner,
                everyMinutes,
                cron,
                condition,
                threshold,
                field,
                list,
                caseNumber,
                emailTo,
                enabled,
                createdAt,
                mark,
                last,
                nextAt,
                runCount,
                firingCount);
    }

    /** A copy after a failed run at {@code now}: the watermark stays, the next run is scheduled. */
    AlertRule failed(Instant now) {
        return progressed(watermark, now, next(now), runs + 1, firings);
    }

    /** Whether this many matching records meet the condition. */
    boolean met(long matches) {
        return COUNT.equals(condition) ? matches >= (threshold == null ? 1 : threshold) : matches > 0;
    }
}
