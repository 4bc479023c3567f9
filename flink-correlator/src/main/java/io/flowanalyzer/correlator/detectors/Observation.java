package io.flowanalyzer.correlator.detectors;

import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * What the detectors need of a written session, flat and small, so that it crosses the two keyed
 * shuffles cheaply: who, when, how much, to where, from which cell and handset, and what a flag update
 * and its firings name (the A-party, the app, the ISP, the attribution, the flags enrichment raised, and
 * the custody: delivery, line and file, so a firing is scoped like its session).
 *
 * @param end when the session ended (its start when not reported)
 * @param up bytes sent by the A-party, -1 when not reported; {@code down} likewise received
 * @param sim the SIM the session names ("MSISDN …", else "IMSI …"), as the handset's detector compares them
 * @param simSwap the reason of a {@code sim_swap} the handset's detector found, or null
 * @param flags the flags the session was written with, as JSON; null when none (most)
 */
@org.apache.flink.api.common.typeinfo.TypeInfo(ObservationSerializer.Factory.class)
public record Observation(
        String id,
        long at,
        String subscriber,
        String imei,
        long bytes,
        long end,
        long up,
        long down,
        String destinationIp,
        Integer destinationPort,
        String cellId,
        Double lat,
        Double lon,
        String sim,
        String simSwap,
        Double simSwapScore,
        String msisdn,
        String imsi,
        String subscriberId,
        String name,
        String app,
        String category,
        String isp,
        String feed,
        String method,
        String flags,
        String deliveryId,
        Long deliveryLine,
        String fileSha256) {

    /** The observation of {@code s}; null when the session names nobody. */
    public static Observation of(SessionRecord s) {
        SessionRecord.AParty p = s.ipdr() == null ? null : s.ipdr().aParty();
        String subscriber = subscriberKey(p);
        if (subscriber == null) {
            return null;
        }
        SessionRecord.Ipdr i = s.ipdr();
        SessionRecord.Cell cell = i.cell();
        SessionRecord.Destination d = s.destination();
        SessionRecord.GeoPoint location = cell == null ? null : cell.location();
        long at = s.timestamp().toEpochMilli();
        Long up = s.source() == null ? null : s.source().bytes();
        Long down = d == null ? null : d.bytes();
        return new Observation(
                s.id(),
                at,
                subscriber,
                p.imei(),
                Detectors.bytes(s),
                s.event() != null && s.event().end() != null ? s.event().end().toEpochMilli() : at,
                up == null ? -1 : up,
                down == null ? -1 : down,
                d == null ? null : d.ip(),
                d == null ? null : d.port(),
                cell == null ? null : cell.id(),
                location == null ? null : location.lat(),
                location == null ? null : location.lon(),
                p.msisdn() != null
                        ? "MSISDN " + p.msisdn()
                        : p.imsi() != null ? "IMSI " + p.imsi() : "subscriber " + p.subscriberId(),
                null,
                null,
                p.msisdn(),
                p.imsi(),
                p.subscriberId(),
                p.name(),
                i.bParty() == null ? null : i.bParty().app(),
                i.bParty() == null ? null : i.bParty().category(),
                i.isp(),
                i.feed(),
                i.attribution() == null ? null : i.attribution().method(),
                i.flags() == null || i.flags().isEmpty() ? null : RecordJson.toJson(i.flags()),
                i.delivery() == null ? null : i.delivery().id(),
                i.delivery() == null ? null : i.delivery().line(),
                s.file() == null || s.file().hash() == null
                        ? null
                        : s.file().hash().sha256());
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
                end,
                up,
                down,
                destinationIp,
                destinationPort,
                cellId,
                lat,
                lon,
                sim,
                reason,
                score,
                msisdn,
                imsi,
                subscriberId,
                name,
                app,
                category,
                isp,
                feed,
                method,
                flags,
                deliveryId,
                deliveryLine,
                fileSha256);
    }

    /** The flags the session was written with (enrichment's), in order. */
    public List<SessionRecord.Flag> writtenFlags() {
        if (flags == null) {
            return List.of();
        }
        try {
            return List.of(RecordJson.mapper().readValue(flags, SessionRecord.Flag[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parts of the session that a flag update and its firings name. */
    public SessionRecord session() {
        Instant t = Instant.ofEpochMilli(at);
        return new SessionRecord(
                t,
                new SessionRecord.Event(id, t, null, null, null, null),
                null,
                destinationIp == null ? null : new SessionRecord.Destination(destinationIp, destinationPort, null),
                null,
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(subscriberId, msisdn, imsi, imei, null, name),
                        cellId == null
                                ? null
                                : new SessionRecord.Cell(
                                        cellId, lat == null ? null : new SessionRecord.GeoPoint(lat, lon), null),
                        null,
                        isp,
                        feed,
                        null,
                        deliveryId == null ? null : new SessionRecord.Delivery(deliveryId, deliveryLine),
                        method == null ? null : new SessionRecord.Attribution(method, null, null),
                        writtenFlags(),
                        null,
                        app == null ? null : new SessionRecord.BParty(app, category)),
                null,
                fileSha256 == null ? null : new SessionRecord.FileRef(new SessionRecord.Hash(fileSha256)));
    }
}
