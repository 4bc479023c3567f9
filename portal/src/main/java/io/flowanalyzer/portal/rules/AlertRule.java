package io.flowanalyzer.portal.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A scheduled alert rule as stored in {@code ipdr-objects} ({@code rule:<id>}): a saved search checked
 * every {@code everyMinutes} against the deliveries that arrived since the last check — however old the
 * records in them are, since ISPs deliver history in batches — and a condition: {@code new} (any
 * matching record) or {@code count} (at least {@code threshold} of them). {@code watermark}: deliveries
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
        String condition,
        Long threshold,
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

    public static String documentId(String id) {
        return "rule:" + id;
    }

    /** The rule after a run that checked deliveries up to {@code checkedTo}. */
    AlertRule ran(Instant now, Instant checkedTo, boolean fired) {
        return new AlertRule(
                TYPE,
                id,
                title,
                view,
                owner,
                everyMinutes,
                condition,
                threshold,
                enabled,
                createdAt,
                checkedTo,
                now,
                now.plusSeconds(60L * everyMinutes),
                runs + 1,
                firings + (fired ? 1 : 0));
    }

    /** Whether this many matching records meet the condition. */
    boolean met(long matches) {
        return COUNT.equals(condition) ? matches >= (threshold == null ? 1 : threshold) : matches > 0;
    }
}
