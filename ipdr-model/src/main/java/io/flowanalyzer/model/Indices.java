package io.flowanalyzer.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Elasticsearch index and alias names, and which daily index a session belongs to. */
public final class Indices {
    private Indices() {}

    public static final String SESSIONS_ALIAS = "ipdr-sessions";
    public static final String SESSIONS_PREFIX = "ipdr-sessions-";
    public static final String REJECTS = "ipdr-rejects";
    public static final String CUSTODY = "ipdr-custody";
    public static final String OBJECTS = "ipdr-objects";
    /** One document per anomaly-flag firing (the correlator's), with its session and A-party. */
    public static final String ALERTS = "ipdr-alerts";
    /**
     * Probable contacts the correlator found: two subscribers whose sessions reached the same relay
     * together (one document per pair of sessions, with both parties, the relay and the evidence).
     */
    public static final String LINKS = "ipdr-links";
    /** The audit trail: append-only, hash-chained (the portal's audit package). */
    public static final String AUDIT = "ipdr-audit";
    /** NAT/CGNAT translations, port blocks and RADIUS bindings: who had which public address when. */
    public static final String NAT_ALIAS = "ipdr-nat";

    public static final String NAT_PREFIX = "ipdr-nat-";

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    /** The daily index for a NAT or RADIUS binding event that happened at {@code timestamp} (UTC day). */
    public static String natIndexFor(Instant timestamp) {
        return NAT_PREFIX + DAY.format(timestamp);
    }

    /** The daily index for a session that started at {@code timestamp} (UTC day). */
    public static String sessionsIndexFor(Instant timestamp) {
        return SESSIONS_PREFIX + DAY.format(timestamp);
    }
}
