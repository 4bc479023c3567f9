package io.flowanalyzer.correlator.detectors;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The anomaly detectors' thresholds (job arguments {@code --detectors.*}), each detector off when its
 * {@code enabled} is false. Defaults are conservative: a flag should make an investigator look, not
 * bury them.
 *
 * @param enabled whether the job runs the detectors at all ({@code --detectors.enabled false}: no flags but enrichment's)
 * @param retention how long a subscriber's or handset's profile is kept after it was last updated (processing time)
 * @param maxWait how long a session waits for the watermark (event-time order) before it is checked anyway
 * @param maxHeld how many waiting sessions each detector instance holds on the heap (more wait in keyed state)
 */
public record DetectorSettings(
        boolean enabled,
        Duration maxWait,
        int maxHeld,
        Duration retention,
        Volume volume,
        Hours hours,
        FanOut fanOut,
        Travel travel,
        Beaconing beaconing,
        Handset handset)
        implements Serializable {

    /**
     * At least {@code minConnections} connections to one B-party (address and port) whose intervals vary
     * by under {@code maxVariation} (standard deviation / mean), at a period between the two bounds.
     */
    public record Beaconing(
            boolean enabled,
            int minConnections,
            double maxVariation,
            Duration minPeriod,
            Duration maxPeriod,
            double score)
            implements Serializable {}

    /** The subscriber's SIM in a handset (IMEI) other than the one of its last {@code minHistory} sessions. */
    public record Handset(boolean enabled, int minHistory, double score) implements Serializable {}

    /** Volume far above the subscriber's own typical session (geometric mean of its earlier ones). */
    public record Volume(boolean enabled, double factor, int minHistory, long minBytes, double score)
            implements Serializable {}

    /** Activity at an hour of the day (in {@code zone}) that holds under {@code maxShare} of the subscriber's earlier sessions. */
    public record Hours(boolean enabled, ZoneId zone, int minHistory, double maxShare, double score)
            implements Serializable {}

    /** More than {@code threshold} distinct B-parties within {@code window}. */
    public record FanOut(boolean enabled, Duration window, int threshold, double score) implements Serializable {}

    /** Consecutive cell locations farther apart than {@code maxKmh} allows in the time between them. */
    public record Travel(boolean enabled, double maxKmh, double minKm, double score) implements Serializable {}

    public static DetectorSettings defaults() {
        return fromArgs(Map.of());
    }

    public static DetectorSettings fromArgs(Map<String, String> p) {
        return new DetectorSettings(
                Boolean.parseBoolean(p.getOrDefault("detectors.enabled", "true")),
                Duration.parse(p.getOrDefault("detectors.max-wait", "PT30S")),
                Integer.parseInt(p.getOrDefault("detectors.max-held", "50000")),
                Duration.parse(p.getOrDefault("detectors.retention", "P90D")),
                new Volume(
                        on(p, "volume"),
                        Double.parseDouble(p.getOrDefault("detectors.volume.factor", "20")),
                        Integer.parseInt(p.getOrDefault("detectors.volume.min-history", "20")),
                        Long.parseLong(p.getOrDefault("detectors.volume.min-bytes", "100000000")),
                        Double.parseDouble(p.getOrDefault("detectors.volume.score", "0.5"))),
                new Hours(
                        on(p, "hours"),
                        ZoneId.of(p.getOrDefault("detectors.hours.zone", "Asia/Kolkata")),
                        Integer.parseInt(p.getOrDefault("detectors.hours.min-history", "100")),
                        Double.parseDouble(p.getOrDefault("detectors.hours.max-share", "0.01")),
                        Double.parseDouble(p.getOrDefault("detectors.hours.score", "0.3"))),
                new FanOut(
                        on(p, "fan-out"),
                        Duration.parse(p.getOrDefault("detectors.fan-out.window", "PT1H")),
                        Integer.parseInt(p.getOrDefault("detectors.fan-out.threshold", "50")),
                        Double.parseDouble(p.getOrDefault("detectors.fan-out.score", "0.5"))),
                new Travel(
                        on(p, "travel"),
                        Double.parseDouble(p.getOrDefault("detectors.travel.max-kmh", "300")),
                        Double.parseDouble(p.getOrDefault("detectors.travel.min-km", "50")),
                        Double.parseDouble(p.getOrDefault("detectors.travel.score", "0.6"))),
                new Beaconing(
                        on(p, "beaconing"),
                        Integer.parseInt(p.getOrDefault("detectors.beaconing.min-connections", "8")),
                        Double.parseDouble(p.getOrDefault("detectors.beaconing.max-variation", "0.1")),
                        Duration.parse(p.getOrDefault("detectors.beaconing.min-period", "PT10S")),
                        Duration.parse(p.getOrDefault("detectors.beaconing.max-period", "PT6H")),
                        Double.parseDouble(p.getOrDefault("detectors.beaconing.score", "0.5"))),
                new Handset(
                        on(p, "handset"),
                        Integer.parseInt(p.getOrDefault("detectors.handset.min-history", "5")),
                        Double.parseDouble(p.getOrDefault("detectors.handset.score", "0.4"))));
    }

    private static boolean on(Map<String, String> p, String detector) {
        return Boolean.parseBoolean(p.getOrDefault("detectors." + detector + ".enabled", "true"));
    }
}
