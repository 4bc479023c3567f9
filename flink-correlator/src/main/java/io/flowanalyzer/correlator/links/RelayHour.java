package io.flowanalyzer.correlator.links;

import io.flowanalyzer.correlator.detectors.Observation;
import org.apache.flink.util.Collector;

/**
 * A relay session (or a change to its attribution) on its way to an hour of its relay, the unit the
 * links operator keys its state by:
 * its own hour, and also the hour before when it starts within the start tolerance of its hour's start,
 * so that two legs of one call always meet in the hour of the earlier start (they are compared there,
 * and only there). Hours keep a busy relay's state in small keys: only the hours being delivered are
 * touched (and copied while a checkpoint is written), not every session the relay held for days.
 *
 * @param hour the hour (since the epoch, of {@link #bucket} length) whose key compares the session
 * @param session the session to compare and hold; null for a change
 * @param change a held session's new attribution; null for a session
 */
public record RelayHour(long hour, Observation session, Reattributed change) {
    public static final long HOUR_MILLIS = 3_600_000L;

    public RelayHour(long hour, Observation session) {
        this(hour, session, null);
    }

    /** The state key: the relay's address and the hour. */
    public String key() {
        return (session != null ? session.destinationIp() : change.destinationIp()) + "@" + hour;
    }

    /**
     * The hours a session is compared in; {@code bucket} is at least the start tolerance, so a partner
     * starting within it is never more than one hour away.
     */
    public static void route(Observation session, long bucket, long startTolerance, Collector<RelayHour> out) {
        long hour = Math.floorDiv(session.at(), bucket);
        out.collect(new RelayHour(hour, session));
        if (session.at() - hour * bucket < startTolerance) {
            out.collect(new RelayHour(hour - 1, session));
        }
    }

    /** A change goes to the hours its session went to. */
    public static void route(Reattributed change, long bucket, long startTolerance, Collector<RelayHour> out) {
        long hour = Math.floorDiv(change.at(), bucket);
        out.collect(new RelayHour(hour, null, change));
        if (change.at() - hour * bucket < startTolerance) {
            out.collect(new RelayHour(hour - 1, null, change));
        }
    }

    /** The hour length for these tolerances: an hour, or the start tolerance when that is longer. */
    public static long bucket(long startTolerance) {
        return Math.max(HOUR_MILLIS, startTolerance);
    }
}
