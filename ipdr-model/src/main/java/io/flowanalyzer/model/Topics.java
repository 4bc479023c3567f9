package io.flowanalyzer.model;

/** The Kafka topics between the ingest routes and the correlator. */
public final class Topics {
    private Topics() {}

    public static final String RECORDS = "ipdr.records";
    public static final String NAT = "ipdr.nat";
    public static final String REFERENCE = "ipdr.reference";
    public static final String REJECTS = "ipdr.rejects";
    public static final String CUSTODY = "ipdr.custody";

    public static final java.util.List<String> ALL = java.util.List.of(RECORDS, NAT, REFERENCE, REJECTS, CUSTODY);
}
