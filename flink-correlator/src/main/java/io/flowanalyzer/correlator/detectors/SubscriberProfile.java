package io.flowanalyzer.correlator.detectors;

import java.util.HashMap;
import java.util.Map;

/**
 * What the detectors remember of one subscriber, in event time: volume statistics (log bytes, Welford),
 * sessions per local hour, the B-parties of the fan-out window, and the last cell location. A Flink POJO
 * (public fields, no-argument constructor), kept in keyed state and checkpointed with it.
 */
public class SubscriberProfile {
    /** Sessions checked so far (each also counted in its local hour). */
    public long sessions;
    /** Sessions with a volume, and the mean and M2 of their log bytes. */
    public long volumeSessions;

    public double logMean;
    public double logM2;
    public int[] hours = new int[24];
    /** B-party → when it was last contacted (epoch ms), only those within the fan-out window. */
    public Map<String, Long> destinations = new HashMap<>();

    public long lastFanOutFlag = Long.MIN_VALUE;
    public String lastCell;
    public double lastLat = Double.NaN;
    public double lastLon = Double.NaN;
    public long lastLocationAt;
    /**
     * B-party (address:port) → start times of the latest connections to it (epoch ms, oldest first), only
     * of B-parties contacted within the beaconing horizon ({@link Detectors#beaconHorizon}).
     */
    public Map<String, long[]> connections = new HashMap<>();
    /** When B-parties quiet past the beaconing horizon were last forgotten (event time, epoch ms). */
    public long connectionsSweptAt = Long.MIN_VALUE;
    /** B-party → when beaconing to it was last flagged. */
    public Map<String, Long> beaconFlagged = new HashMap<>();
    /** The handset of the latest sessions and how many sessions in a row used it. */
    public String imei;

    public int imeiRun;

    public SubscriberProfile() {}
}
