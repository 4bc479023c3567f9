package io.flowanalyzer.correlator.detectors;

import io.flowanalyzer.model.SessionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-subscriber anomaly detectors, as pure steps: {@link #check} looks at one session against what
 * the profile knows of the sessions before it (in event time) and returns the flags it raises, each with
 * the values and the threshold that fired; then it adds the session to the profile.
 */
public final class Detectors {
    public static final String VOLUME = "volume";
    public static final String UNUSUAL_HOUR = "unusual_hour";
    public static final String FAN_OUT = "fan_out";
    public static final String IMPOSSIBLE_TRAVEL = "impossible_travel";
    public static final String BEACONING = "beaconing";
    public static final String HANDSET_SWAP = "handset_swap";
    public static final String SIM_SWAP = "sim_swap";

    private static final int MAX_DESTINATIONS = 10_000;

    private Detectors() {}

    public static List<SessionRecord.Flag> check(Observation s, SubscriberProfile p, DetectorSettings settings) {
        List<SessionRecord.Flag> flags = new ArrayList<>(0);
        long t = s.at();
        volume(s, p, settings.volume(), flags);
        hours(s, p, settings.hours(), flags);
        fanOut(s, p, settings.fanOut(), t, flags);
        travel(s, p, settings.travel(), t, flags);
        beaconing(s, p, settings.beaconing(), t, flags);
        handset(s, p, settings.handset(), flags);
        p.sessions++;
        return flags;
    }

    private static void volume(
            Observation s, SubscriberProfile p, DetectorSettings.Volume v, List<SessionRecord.Flag> flags) {
        long bytes = s.bytes();
        if (bytes < 0) {
            return;
        }
        double log = Math.log1p(bytes);
        long n = p.volumeSessions;
        if (v.enabled() && n >= v.minHistory() && bytes >= v.minBytes()) {
            double typical = Math.expm1(p.logMean);
            if (bytes >= v.factor() * Math.max(typical, 1)) {
                flags.add(new SessionRecord.Flag(
                        VOLUME,
                        String.format(
                                Locale.ROOT,
                                "%s in this session is %.0f× this subscriber's typical %s (geometric mean of %d"
                                        + " sessions); the threshold is %.0f× and at least %s",
                                size(bytes),
                                bytes / Math.max(typical, 1),
                                size((long) typical),
                                n,
                                v.factor(),
                                size(v.minBytes())),
                        v.score()));
            }
        }
        // Welford over log bytes: a typical session and its spread, one outlier barely moving either
        long k = n + 1;
        double delta = log - p.logMean;
        p.logMean += delta / k;
        p.logM2 += delta * (log - p.logMean);
        p.volumeSessions = k;
    }

    private static void hours(
            Observation s, SubscriberProfile p, DetectorSettings.Hours h, List<SessionRecord.Flag> flags) {
        java.time.ZonedDateTime local = java.time.Instant.ofEpochMilli(s.at()).atZone(h.zone());
        int hour = local.getHour();
        long n = p.sessions; // every earlier session counted in its hour
        if (h.enabled() && n >= h.minHistory()) {
            // the hour with its neighbours: the edge of a subscriber's usual day is not unusual
            int around = p.hours[(hour + 23) % 24] + p.hours[hour] + p.hours[(hour + 1) % 24];
            double share = around / (double) n;
            if (share < h.maxShare()) {
                flags.add(new SessionRecord.Flag(
                        UNUSUAL_HOUR,
                        String.format(
                                Locale.ROOT,
                                "active at %02d:%02d (%s); the hours from %02d:00 to %02d:59 hold %d of this"
                                        + " subscriber's %d earlier sessions (%.1f%%); the threshold is under %.1f%%",
                                hour,
                                local.getMinute(),
                                h.zone(),
                                (hour + 23) % 24,
                                (hour + 1) % 24,
                                around,
                                n,
                                share * 100,
                                h.maxShare() * 100),
                        h.score()));
            }
        }
        p.hours[hour]++;
    }

    private static void fanOut(
            Observation s, SubscriberProfile p, DetectorSettings.FanOut f, long t, List<SessionRecord.Flag> flags) {
        String destination = s.destinationIp();
        if (destination == null) {
            return;
        }
        long from = t - f.window().toMillis();
        p.destinations.values().removeIf(seen -> seen < from);
        p.destinations.merge(destination, t, Math::max);
        if (p.destinations.size() > MAX_DESTINATIONS) { // bounded state: forget the oldest contacts first
            long oldest = p.destinations.values().stream().min(Long::compare).orElse(t);
            p.destinations.values().removeIf(seen -> seen <= oldest);
        }
        int distinct = p.destinations.size();
        if (f.enabled() && distinct > f.threshold() && p.lastFanOutFlag < from) {
            p.lastFanOutFlag = t;
            flags.add(new SessionRecord.Flag(
                    FAN_OUT,
                    String.format(
                            Locale.ROOT,
                            "%d distinct B-parties within %s up to this session; the threshold is %d",
                            distinct,
                            human(f.window()),
                            f.threshold()),
                    f.score()));
        }
    }

    private static void travel(
            Observation s, SubscriberProfile p, DetectorSettings.Travel tr, long t, List<SessionRecord.Flag> flags) {
        if (s.lat() == null || s.lon() == null) {
            return;
        }
        double lat = s.lat();
        double lon = s.lon();
        if (tr.enabled() && !Double.isNaN(p.lastLat)) {
            double km = io.flowanalyzer.model.GeoDistance.kilometres(p.lastLat, p.lastLon, lat, lon);
            double hours = Math.max(Math.abs(t - p.lastLocationAt), 1000) / 3_600_000.0; // a second at least
            double kmh = km / hours;
            if (km >= tr.minKm() && kmh > tr.maxKmh()) {
                flags.add(new SessionRecord.Flag(
                        IMPOSSIBLE_TRAVEL,
                        String.format(
                                Locale.ROOT,
                                "cell %s is %.0f km from cell %s seen %s earlier: %.0f km/h; the limit is %.0f km/h",
                                s.cellId(),
                                km,
                                p.lastCell,
                                human(Duration.ofMillis(Math.abs(t - p.lastLocationAt))),
                                kmh,
                                tr.maxKmh()),
                        tr.score()));
            }
        }
        if (t >= p.lastLocationAt || Double.isNaN(p.lastLat)) {
            p.lastLat = lat;
            p.lastLon = lon;
            p.lastCell = s.cellId();
            p.lastLocationAt = t;
        }
    }

    private static void beaconing(
            Observation s, SubscriberProfile p, DetectorSettings.Beaconing b, long t, List<SessionRecord.Flag> flags) {
        if (s.destinationIp() == null) {
            return;
        }
        String target = s.destinationIp() + (s.destinationPort() == null ? "" : ":" + s.destinationPort());
        int keep = Math.max(b.minConnections(), 2);
        long horizon = beaconHorizon(b, keep);
        if (t >= p.connectionsSweptAt + horizon) { // now and then, not per session: a sweep reads every B-party
            long stale = t - horizon;
            p.connections.values().removeIf(times -> times[times.length - 1] < stale);
            p.beaconFlagged.keySet().retainAll(p.connections.keySet());
            p.connectionsSweptAt = t;
        }
        long[] before = p.connections.get(target);
        if (before != null && before[before.length - 1] < t - horizon) {
            before = null; // a run that cannot fire across this gap starts again
        }
        long[] times;
        if (before == null) {
            times = new long[] {t};
        } else if (before.length < keep) {
            times = Arrays.copyOf(before, before.length + 1);
            times[before.length] = t;
        } else {
            times = Arrays.copyOfRange(before, 1, keep + 1);
            times[keep - 1] = t;
        }
        Arrays.sort(times);
        p.connections.put(target, times);
        if (p.connections.size() > MAX_DESTINATIONS) { // bounded: forget the B-party contacted longest ago
            String stalest = null;
            long oldest = Long.MAX_VALUE;
            for (Map.Entry<String, long[]> e : p.connections.entrySet()) {
                long last = e.getValue()[e.getValue().length - 1];
                if (last < oldest) {
                    oldest = last;
                    stalest = e.getKey();
                }
            }
            p.connections.remove(stalest);
            p.beaconFlagged.remove(stalest);
        }
        if (!b.enabled() || times.length < b.minConnections()) {
            return;
        }
        int n = times.length - 1;
        double mean = (times[n] - times[0]) / (double) n;
        double m2 = 0;
        for (int i = 1; i <= n; i++) {
            double d = times[i] - times[i - 1] - mean;
            m2 += d * d;
        }
        double sd = Math.sqrt(m2 / n);
        double variation = mean <= 0 ? Double.MAX_VALUE : sd / mean;
        Long flaggedAt = p.beaconFlagged.get(target);
        // once per run: not again until the connections that fired have all been replaced by newer ones
        boolean again = flaggedAt == null || times[0] > flaggedAt;
        if (variation < b.maxVariation()
                && mean >= b.minPeriod().toMillis()
                && mean <= b.maxPeriod().toMillis()
                && again) {
            p.beaconFlagged.put(target, t);
            flags.add(new SessionRecord.Flag(
                    BEACONING,
                    String.format(
                            Locale.ROOT,
                            "%d connections to %s every %s (±%.0f s, %.1f%% variation); the threshold is under %.0f%%"
                                    + " over at least %d connections",
                            times.length,
                            target,
                            human(Duration.ofMillis(Math.round(mean))),
                            sd / 1000,
                            variation * 100,
                            b.maxVariation() * 100,
                            b.minConnections()),
                    b.score()));
        }
    }

    /**
     * How long after a B-party's last connection a new one can still belong to a run that fires. In a run
     * of {@code keep} connections ({@code n = keep - 1} intervals of mean {@code m <= maxPeriod}), an
     * interval {@code g} above the mean makes the standard deviation at least {@code (g - m) / sqrt(n - 1)},
     * so a run under {@code maxVariation} has every interval below {@code m (1 + maxVariation sqrt(n - 1))}.
     * A B-party quiet for longer is forgotten: with sessions in event-time order, the result is the same as
     * if its history were kept, and a subscriber's profile holds the B-parties of hours, not of months.
     */
    static long beaconHorizon(DetectorSettings.Beaconing b, int keep) {
        double bound = b.maxPeriod().toMillis() * (1 + b.maxVariation() * Math.sqrt(keep - 2));
        return bound >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) Math.ceil(bound) + 1_000; // a second to spare
    }

    private static void handset(
            Observation s, SubscriberProfile p, DetectorSettings.Handset h, List<SessionRecord.Flag> flags) {
        String imei = s.imei();
        if (imei == null) {
            return;
        }
        if (imei.equals(p.imei)) {
            p.imeiRun++;
            return;
        }
        if (h.enabled() && p.imei != null && p.imeiRun >= h.minHistory()) {
            flags.add(new SessionRecord.Flag(
                    HANDSET_SWAP,
                    String.format(
                            Locale.ROOT,
                            "this SIM is in handset IMEI %s; its last %d sessions were in IMEI %s",
                            imei,
                            p.imeiRun,
                            p.imei),
                    h.score()));
        }
        p.imei = imei;
        p.imeiRun = 1;
    }

    /** Up and down bytes together; −1 when the record has neither. */
    static long bytes(SessionRecord s) {
        Long up = s.source() == null ? null : s.source().bytes();
        Long down = s.destination() == null ? null : s.destination().bytes();
        if (up == null && down == null) {
            return -1;
        }
        return (up == null ? 0 : up) + (down == null ? 0 : down);
    }

    /** A volume as an investigator reads it: 2.1 MB, 640 bytes. */
    public static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes + " bytes";
    }

    static String human(java.time.Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + " h";
        }
        if (s >= 120) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
