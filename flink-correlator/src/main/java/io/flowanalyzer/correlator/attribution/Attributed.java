package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.SessionRecord;

/** A session record with its A-party and attribution set, everything else as delivered. */
final class Attributed {
    private Attributed() {}

    static SessionRecord with(SessionRecord r, SessionRecord.AParty party, SessionRecord.Attribution attribution) {
        SessionRecord.Ipdr i = r.ipdr() == null
                ? new SessionRecord.Ipdr(null, null, null, null, null, null, null, null, null, null)
                : r.ipdr();
        return r.withIpdr(i.withAttribution(party, attribution));
    }
}
