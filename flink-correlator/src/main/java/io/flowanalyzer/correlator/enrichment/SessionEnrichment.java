package io.flowanalyzer.correlator.enrichment;

import io.flowanalyzer.geo.OfflineGeo;
import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What reference data adds to a session: the B-party's app/service (the range valid at the session's
 * own time), its country and autonomous system (offline tables), the cell's location, the A-party's
 * directory entry, and a {@code watch_list} flag for every watch-list entry holding the B-party, with
 * the combined risk score. Pure: the same record and data give the same result.
 */
public final class SessionEnrichment {
    public static final String WATCH_LIST = "watch_list";

    private SessionEnrichment() {}

    public static SessionRecord enrich(SessionRecord r, ReferenceCatalogue reference, OfflineGeo geo) {
        SessionRecord.Ipdr ipdr = r.ipdr() == null
                ? new SessionRecord.Ipdr(null, null, null, null, null, null, null, null, null, null)
                : r.ipdr();
        SessionRecord.Destination destination = r.destination();
        SessionRecord.BParty bParty = ipdr.bParty();
        List<SessionRecord.Flag> flags = ipdr.flags();
        IpAddresses.Bits address = destination == null ? null : IpAddresses.bits(destination.ip());
        if (address != null) { // parsed once for the three lookups
            OfflineGeo.Place place = geo == null ? null : geo.lookup(address);
            if (place != null) {
                destination = new SessionRecord.Destination(
                        destination.ip(),
                        destination.port(),
                        destination.bytes(),
                        destination.geo() != null ? destination.geo() : place.geo(),
                        destination.as() != null ? destination.as() : place.as());
            }
            ReferenceEntry app = reference.app(address, r.timestamp());
            if (app != null) {
                bParty = new SessionRecord.BParty(app.app(), app.category());
            }
            flags = withWatchHits(flags, destination.ip(), reference.watchHits(address, r.timestamp()));
        }
        SessionRecord.Cell cell = ipdr.cell();
        if (cell != null && cell.id() != null) {
            ReferenceEntry tower = reference.cell(cell.id());
            if (tower != null) {
                // a location the delivery gave is kept; the reference adds the sector and the site's name
                cell = new SessionRecord.Cell(
                        cell.id(),
                        cell.location() != null
                                ? cell.location()
                                : new SessionRecord.GeoPoint(tower.lat(), tower.lon()),
                        cell.lastId(),
                        tower.azimuth(),
                        tower.name());
            }
        }
        return new SessionRecord(
                r.timestamp(),
                r.event(),
                r.source(),
                destination,
                r.network(),
                new SessionRecord.Ipdr(
                        withDirectory(ipdr.aParty(), reference),
                        cell,
                        ipdr.access(),
                        ipdr.isp(),
                        ipdr.feed(),
                        ipdr.profile(),
                        ipdr.delivery(),
                        ipdr.attribution(),
                        flags,
                        riskScore(flags),
                        bParty),
                r.log(),
                r.file());
    }

    /** The A-party with what the subscriber directory knows of the person it names, where the record is silent. */
    public static SessionRecord.AParty withDirectory(SessionRecord.AParty party, ReferenceCatalogue reference) {
        ReferenceEntry e = reference.subscriber(party);
        if (e == null) {
            return party;
        }
        return new SessionRecord.AParty(
                party.subscriberId() != null ? party.subscriberId() : e.subscriberId(),
                party.msisdn() != null ? party.msisdn() : e.msisdn(),
                party.imsi() != null ? party.imsi() : e.imsi(),
                party.imei() != null ? party.imei() : e.imei(),
                party.deviceId(),
                party.name() != null ? party.name() : e.name(),
                party.address() != null ? party.address() : e.address());
    }

    private static List<SessionRecord.Flag> withWatchHits(
            List<SessionRecord.Flag> flags, String ip, List<ReferenceEntry> hits) {
        if (hits.isEmpty()) {
            return flags;
        }
        List<SessionRecord.Flag> all = flags == null ? new ArrayList<>() : new ArrayList<>(flags);
        for (ReferenceEntry hit : hits) {
            double score = hit.severity() != null ? hit.severity() : ReferenceEntry.DEFAULT_SEVERITY;
            SessionRecord.Flag flag = new SessionRecord.Flag(
                    WATCH_LIST,
                    "destination " + ip + " is on watch list '" + hit.list() + "'"
                            + (hit.label() == null ? "" : ": " + hit.label()) + " (" + hit.cidr() + ")",
                    score);
            if (!all.contains(flag)) {
                all.add(flag);
            }
        }
        return List.copyOf(all);
    }

    /**
     * The flags' scores combined as independent evidence, 1 − ∏(1 − score): one strong flag dominates,
     * several weak ones add up, and the result stays within 0–1. Null when nothing is flagged.
     */
    public static Double riskScore(List<SessionRecord.Flag> flags) {
        if (flags == null || flags.isEmpty()) {
            return null;
        }
        double none = 1;
        for (SessionRecord.Flag f : flags) {
            double s = f.score() == null ? 0 : Math.max(0, Math.min(1, f.score()));
            none *= 1 - s;
        }
        return Math.round((1 - none) * 1000) / 1000.0;
    }
}
