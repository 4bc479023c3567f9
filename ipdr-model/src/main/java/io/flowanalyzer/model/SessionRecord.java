package io.flowanalyzer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One IP session as the platform knows it: the canonical record every format is normalised into,
 * shaped exactly like its Elasticsearch document (ECS names, IPDR extras under {@code ipdr}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(
        @JsonProperty("@timestamp") Instant timestamp,
        Event event,
        Source source,
        Destination destination,
        Network network,
        Ipdr ipdr,
        Log log,
        FileRef file) {

    /** This record with another IPDR part, everything else as it is. */
    public SessionRecord withIpdr(Ipdr other) {
        return new SessionRecord(timestamp, event, source, destination, network, other, log, file);
    }

    /** The record's deterministic id, also its Kafka key and Elasticsearch {@code _id}. */
    public String id() {
        return event.id();
    }

    /** ECS {@code event.*}: id, times (duration in nanoseconds, as ECS defines it), format and raw line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String id, Instant start, Instant end, Long duration, String dataset, String original) {}

    /** ECS {@code source.*}: the A-party's private address, its public (NAT) address and uplink bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String ip, Integer port, Nat nat, Long bytes) {}

    /** ECS {@code source.nat.*}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Nat(String ip, Integer port) {}

    /**
     * ECS {@code destination.*}: the B-party address and downlink bytes; where the address is registered
     * and who announces it, from the offline database, filled by the correlator.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String ip, Integer port, Long bytes, Geo geo, As as) {
        public Destination(String ip, Integer port, Long bytes) {
            this(ip, port, bytes, null, null);
        }
    }

    /** ECS {@code *.geo.*}, at country level: the country's representative point, ISO code and name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Geo(
            GeoPoint location,
            @JsonProperty("country_iso_code") String countryIsoCode,
            @JsonProperty("country_name") String countryName) {}

    /** ECS {@code *.as.*}: the autonomous system announcing an address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record As(Long number, Organization organization) {}

    /** ECS {@code *.as.organization.*}. */
    public record Organization(String name) {}

    /** ECS {@code network.*}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(String transport) {}

    /** The IPDR-specific part: parties, cell, provenance, attribution and flags. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ipdr(
            @JsonProperty("a_party") AParty aParty,
            Cell cell,
            Access access,
            String isp,
            String feed,
            String profile,
            Delivery delivery,
            Attribution attribution,
            List<Flag> flags,
            @JsonProperty("risk_score") Double riskScore,
            @JsonProperty("b_party") BParty bParty) {
        public Ipdr(
                AParty aParty,
                Cell cell,
                Access access,
                String isp,
                String feed,
                String profile,
                Delivery delivery,
                Attribution attribution,
                List<Flag> flags,
                Double riskScore) {
            this(aParty, cell, access, isp, feed, profile, delivery, attribution, flags, riskScore, null);
        }

        /** This part with these flags and risk score. */
        public Ipdr withFlags(List<Flag> newFlags, Double newRiskScore) {
            return new Ipdr(
                    aParty, cell, access, isp, feed, profile, delivery, attribution, newFlags, newRiskScore, bParty);
        }

        /** This part with this A-party and attribution. */
        public Ipdr withAttribution(AParty party, Attribution newAttribution) {
            return new Ipdr(
                    party, cell, access, isp, feed, profile, delivery, newAttribution, flags, riskScore, bParty);
        }
    }

    /** What the B-party is: the service or app whose address range it is in, at the session's time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BParty(String app, String category) {}

    /** Who the A-party is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AParty(
            @JsonProperty("subscriber_id") String subscriberId,
            String msisdn,
            String imsi,
            String imei,
            @JsonProperty("device_id") String deviceId,
            String name,
            String address) {
        public AParty(String subscriberId, String msisdn, String imsi, String imei, String deviceId, String name) {
            this(subscriberId, msisdn, imsi, imei, deviceId, name, null);
        }
    }

    /**
     * Where the A-party was: the first cell of the session, its location, and the last cell when it moved;
     * the sector's azimuth (degrees from north) and the site's name when the cell reference data gives them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(
            String id, GeoPoint location, @JsonProperty("last_id") String lastId, Integer azimuth, String name) {
        public Cell(String id, GeoPoint location, String lastId) {
            this(id, location, lastId, null, null);
        }
    }

    /** How the A-party reached the network: access point name and radio access type (2G/3G/4G/5G). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Access(String apn, String rat) {}

    /** An Elasticsearch geo_point in object form. */
    public record GeoPoint(double lat, double lon) {
        /** As records write themselves (ids are made of it), without the reflective general form. */
        @Override
        public String toString() {
            return "GeoPoint[lat=" + lat + ", lon=" + lon + "]";
        }
    }

    /** The delivery a record came from and its line in it (1-based). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String id, Long line) {}

    /**
     * How the A-party was resolved: direct, nat, radius, ambiguous, pending (the correlator still waits
     * for late evidence) or unresolved; the ids of the NAT/RADIUS records that prove it; for an ambiguous
     * record every identifier of every candidate (searchable), and each candidate with its own evidence.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attribution(
            String method,
            List<String> evidence,
            List<String> candidates,
            List<io.flowanalyzer.model.bindings.AttributionRules.Candidate> detail) {
        public Attribution(String method, List<String> evidence, List<String> candidates) {
            this(method, evidence, candidates, null);
        }
    }

    /** An anomaly flag with the reason it fired and its weight (0–1) in the risk score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flag(String name, String reason, Double score) {}

    /** ECS {@code log.*}: the delivered file and the byte offset of the line in it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Log(LogFile file, Long offset) {}

    /** ECS {@code log.file.*}. */
    public record LogFile(String path) {}

    /** ECS {@code file.*}: the delivered file's hash. */
    public record FileRef(Hash hash) {}

    /** ECS {@code file.hash.*}. */
    public record Hash(String sha256) {}
}
