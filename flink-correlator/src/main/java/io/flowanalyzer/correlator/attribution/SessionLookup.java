package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;

/**
 * What the NAT hop needs of a session that does not name its subscriber: the address it was seen
 * with (the public one when the record knows it), its port, its time, and the ISP that delivered it.
 */
public record SessionLookup(String sessionId, String isp, String address, Integer port, Instant time) {

    /** The address attribution starts from, or null when the record has none. */
    public static SessionLookup of(SessionRecord record) {
        SessionRecord.Source source = record.source();
        if (source == null) {
            return null;
        }
        String isp = record.ipdr() == null ? null : record.ipdr().isp();
        SessionRecord.Nat nat = source.nat();
        if (nat != null && nat.ip() != null) {
            return new SessionLookup(record.id(), isp, nat.ip(), nat.port(), record.timestamp());
        }
        if (source.ip() == null) {
            return null;
        }
        return new SessionLookup(record.id(), isp, source.ip(), source.port(), record.timestamp());
    }
}
