package io.flowanalyzer.correlator.detectors;

import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;

/**
 * What the detectors need of a written session, flat, so that it crosses the two keyed shuffles cheaply:
 * who, when, how much, to where, from which cell and handset — and the document as written (the bytes
 * the sink got, no second encoding), read back only for a session that is flagged.
 *
 * @param simSwap the reason of a {@code sim_swap} the handset's detector found, or null
 */
public record Observation(
        String id,
        long at,
        String subscriber,
        String imei,
        long bytes,
        String destinationIp,
        Integer destinationPort,
        String cellId,
        Double lat,
        Double lon,
        String sim,
        String simSwap,
        Double simSwapScore,
        byte[] document) {

    /** The observation of {@code s}, written as {@code document}; null when the session names nobody. */
    public static Observation of(SessionRecord s, byte[] document) {
        SessionRecord.AParty p = s.ipdr() == null ? null : s.ipdr().aParty();
        String subscriber = subscriberKey(p);
        if (subscriber == null) {
            return null;
        }
        SessionRecord.Cell cell = s.ipdr().cell();
        SessionRecord.Destination d = s.destination();
        return new Observation(
                s.id(),
                s.timestamp().toEpochMilli(),
                subscriber,
                p.imei(),
                Detectors.bytes(s),
                d == null ? null : d.ip(),
                d == null ? null : d.port(),
                cell == null ? null : cell.id(),
                cell == null || cell.location() == null ? null : cell.location().lat(),
                cell == null || cell.location() == null ? null : cell.location().lon(),
                p.msisdn() != null
                        ? "MSISDN " + p.msisdn()
                        : p.imsi() != null ? "IMSI " + p.imsi() : "subscriber " + p.subscriberId(),
                null,
                null,
                document);
    }

    /** For tests and tools: the observation of a session not written yet. */
    public static Observation of(SessionRecord s) {
        return of(s, RecordJson.toBytes(s));
    }

    /** Who a session belongs to, for keying: MSISDN, else subscriber id, else IMSI; null when nobody. */
    static String subscriberKey(SessionRecord.AParty p) {
        if (p == null) {
            return null;
        }
        if (p.msisdn() != null) {
            return "msisdn:" + p.msisdn();
        }
        if (p.subscriberId() != null) {
            return "id:" + p.subscriberId();
        }
        return p.imsi() == null ? null : "imsi:" + p.imsi();
    }

    public Observation withSimSwap(String reason, double score) {
        return new Observation(
                id,
                at,
                subscriber,
                imei,
                bytes,
                destinationIp,
                destinationPort,
                cellId,
                lat,
                lon,
                sim,
                reason,
                score,
                document);
    }

    /** The session as written. */
    public SessionRecord session() {
        return RecordJson.fromJson(new String(document, java.nio.charset.StandardCharsets.UTF_8), SessionRecord.class);
    }

    /** The daily index the session was written to. */
    public String index() {
        return Indices.sessionsIndexFor(java.time.Instant.ofEpochMilli(at));
    }
}
