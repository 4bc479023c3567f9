package io.flowanalyzer.portal.timeline;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a subject's timeline is drawn.
 *
 * @param maxEvents the records of each kind (sessions, bindings, flags, alerts) listed at most; the
 *     counts, the hour-by-hour activity and the gaps always cover every session
 * @param zone the time zone hours of the day and days of the week are counted in, unless the page asks
 *     for another (investigators read habits in local time: night is night where the phone is)
 * @param minGap the shortest silence between two sessions that is reported as a gap
 * @param maxGaps how many of the longest gaps are reported
 * @param maxAddresses the private addresses (from the subject's RADIUS bindings) whose NAT translations
 *     are looked up at most
 */
@ConfigurationProperties("flowanalyzer.timeline")
public record TimelineProperties(
        @DefaultValue("2000") int maxEvents,
        @DefaultValue("Asia/Kolkata") ZoneId zone,
        @DefaultValue("6h") Duration minGap,
        @DefaultValue("10") int maxGaps,
        @DefaultValue("50") int maxAddresses) {}
