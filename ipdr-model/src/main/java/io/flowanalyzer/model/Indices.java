package io.flowanalyzer.model;

/** The Elasticsearch index and alias names ({@link IndexLayout} says which time-based index a record belongs to). */
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
}
