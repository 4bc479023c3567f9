package io.flowanalyzer.correlator.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    private static final Instant T = Instant.parse("2026-11-20T06:00:00Z"); // 11:30 IST

    private static SessionRecord session(
            Instant t, long bytes, String destination, double lat, double lon, String cell) {
        return new SessionRecord(
                t,
                new SessionRecord.Event("e-" + t.toEpochMilli(), t, null, null, "generic-csv", null),
                new SessionRecord.Source("10.0.0.1", 1, null, bytes),
                new SessionRecord.Destination(destination, 443, 0L),
                null,
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, "919700000001", null, null, null, null),
                        new SessionRecord.Cell(cell, new SessionRecord.GeoPoint(lat, lon), null),
                        null,
                        "acme",
                        "inbox",
                        "p",
                        null,
                        null,
                        null,
                        null),
                null,
                null);
    }

    @Test
    void eachFlagNamesTheValuesAndTheThresholdThatFired() {
        DetectorSettings settings = DetectorSettings.fromArgs(Map.of(
                "detectors.hours.min-history",
                "20",
                "detectors.volume.min-history",
                "20",
                "detectors.fan-out.threshold",
                "25",
                "detectors.beaconing.enabled",
                "false")); // these sessions come every minute, like a beacon
        SubscriberProfile p = new SubscriberProfile();
        for (int i = 0; i < 24; i++) { // 24 sessions of 2 MB at 11:30 IST to one of two B-parties, in Mumbai
            assertThat(Detectors.check(
                            Observation.of(session(
                                    T.plusSeconds(60L * i), 2_000_000, "157.240.0." + (i % 2), 19.07, 72.87, "M1")),
                            p,
                            settings))
                    .isEmpty();
        }
        List<SessionRecord.Flag> big = Detectors.check(
                Observation.of(session(T.plusSeconds(1500), 2_000_000_000L, "157.240.0.1", 19.07, 72.87, "M1")),
                p,
                settings);
        assertThat(big).extracting(SessionRecord.Flag::name).containsExactly("volume");
        assertThat(big.get(0).reason())
                .isEqualTo("2.0 GB in this session is 1000× this subscriber's typical 2.0 MB (geometric mean of 24"
                        + " sessions); the threshold is 20× and at least 100.0 MB");
        assertThat(big.get(0).score()).isEqualTo(0.5);

        List<SessionRecord.Flag> night = Detectors.check(
                Observation.of(
                        session(Instant.parse("2026-11-20T21:40:00Z"), 2_000_000, "157.240.0.1", 19.07, 72.87, "M1")),
                p,
                settings);
        assertThat(night).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("active at 03:10 (Asia/Kolkata); the hours from 02:00 to 04:59 hold 0 of this subscriber's"
                        + " 25 earlier sessions (0.0%); the threshold is under 1.0%"));

        List<SessionRecord.Flag> delhi = Detectors.check(
                Observation.of(
                        session(Instant.parse("2026-11-20T21:52:00Z"), 2_000_000, "157.240.0.1", 28.61, 77.21, "D1")),
                p,
                settings);
        assertThat(delhi)
                .extracting(SessionRecord.Flag::name)
                .containsExactly("impossible_travel"); // 03:22 is no longer unusual: 03:10 came before
        assertThat(delhi.get(0).reason())
                .matches("cell D1 is 11\\d\\d km from cell M1 seen 12 min earlier: \\d+ km/h; the limit is 300 km/h");
    }

    @Test
    void fanOutFiresOncePerWindow() {
        DetectorSettings settings = DetectorSettings.fromArgs(Map.of("detectors.fan-out.threshold", "10"));
        SubscriberProfile p = new SubscriberProfile();
        int fired = 0;
        for (int i = 0; i < 30; i++) {
            fired += Detectors.check(
                            Observation.of(session(T.plusSeconds(10L * i), 1000, "203.0.113." + i, 19.07, 72.87, "M1")),
                            p,
                            settings)
                    .size();
        }
        assertThat(fired).isEqualTo(1);
        // two hours later the window has emptied: a new burst fires again
        for (int i = 0; i < 30; i++) {
            fired += Detectors.check(
                            Observation.of(session(
                                    T.plusSeconds(7200 + 10L * i), 1000, "198.51.100." + i, 19.07, 72.87, "M1")),
                            p,
                            settings)
                    .size();
        }
        assertThat(fired).isEqualTo(2);
        assertThat(p.destinations).hasSize(30);
    }

    @Test
    void beaconingForgetsQuietBPartiesWithoutChangingWhatFires() {
        DetectorSettings settings = onlyBeaconing();
        DetectorSettings.Beaconing b = settings.beaconing();
        assertThat(Detectors.beaconHorizon(b, 8)).isEqualTo(26_891_898L); // 6 h × (1 + 0.1 √6), and a second
        java.util.Random random = new java.util.Random(20261207);
        for (int round = 0; round < 20; round++) {
            // four B-parties, each in runs of connections at a period of 10 s to 8 h (±0–15%) with pauses of
            // up to 12 h between runs: intervals on both sides of the horizon
            List<long[]> sessions = new java.util.ArrayList<>(); // {time, B-party}
            for (int target = 0; target < 4; target++) {
                long t = T.toEpochMilli();
                for (int run = 0; run < 12; run++) {
                    long period = 10_000 + (long) (random.nextDouble() * 8 * 3_600_000L);
                    double jitter = random.nextDouble() * 0.15;
                    for (int k = random.nextInt(14); k > 0; k--) {
                        t += Math.round(period * (1 + jitter * (2 * random.nextDouble() - 1)));
                        sessions.add(new long[] {t, target});
                    }
                    t += (long) (random.nextDouble() * 12 * 3_600_000L);
                }
            }
            sessions.sort(java.util.Comparator.comparingLong((long[] x) -> x[0]).thenComparingLong(x -> x[1]));
            SubscriberProfile p = new SubscriberProfile();
            List<String> fired = new java.util.ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                long[] s = sessions.get(i);
                for (SessionRecord.Flag f : Detectors.check(
                        Observation.of(
                                session(Instant.ofEpochMilli(s[0]), 1000, "203.0.113." + s[1], 19.07, 72.87, "M1")),
                        p,
                        settings)) {
                    fired.add(i + ": " + f.reason());
                }
            }
            assertThat(fired).isEqualTo(beaconsOverWholeHistory(sessions, b));
        }
    }

    @Test
    void aSubscribersBeaconingHistoryHoldsHoursOfBParties() {
        DetectorSettings settings = onlyBeaconing();
        SubscriberProfile p = new SubscriberProfile();
        for (int i = 0; i < 5_000; i++) { // a new B-party every minute for three and a half days
            Detectors.check(
                    Observation.of(
                            session(T.plusSeconds(60L * i), 1000, "10.1." + i / 256 + "." + i % 256, 0, 0, "M1")),
                    p,
                    settings);
        }
        long horizonMinutes = Detectors.beaconHorizon(settings.beaconing(), 8) / 60_000;
        assertThat(p.connections.size()).isBetween((int) horizonMinutes, (int) (2 * horizonMinutes) + 1);
        assertThat(p.connections).containsKey("10.1.19.135:443"); // the last one
    }

    private static DetectorSettings onlyBeaconing() {
        return DetectorSettings.fromArgs(Map.of(
                "detectors.volume.enabled", "false",
                "detectors.hours.enabled", "false",
                "detectors.fan-out.enabled", "false",
                "detectors.travel.enabled", "false",
                "detectors.handset.enabled", "false"));
    }

    /** The beaconing rule kept naively, over every connection ever made: the reasons it gives, by session. */
    private static List<String> beaconsOverWholeHistory(List<long[]> sessions, DetectorSettings.Beaconing b) {
        Map<Long, List<Long>> history = new java.util.HashMap<>();
        Map<Long, Long> flaggedAt = new java.util.HashMap<>();
        List<String> fired = new java.util.ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            long t = sessions.get(i)[0];
            long target = sessions.get(i)[1];
            List<Long> all = history.computeIfAbsent(target, x -> new java.util.ArrayList<>());
            all.add(t);
            List<Long> times = all.subList(Math.max(0, all.size() - b.minConnections()), all.size());
            if (times.size() < b.minConnections()) {
                continue;
            }
            int n = times.size() - 1;
            double mean = (times.get(n) - times.get(0)) / (double) n;
            double m2 = 0;
            for (int k = 1; k <= n; k++) {
                double d = times.get(k) - times.get(k - 1) - mean;
                m2 += d * d;
            }
            double sd = Math.sqrt(m2 / n);
            Long flagged = flaggedAt.get(target);
            if (sd / mean < b.maxVariation()
                    && mean >= b.minPeriod().toMillis()
                    && mean <= b.maxPeriod().toMillis()
                    && (flagged == null || times.get(0) > flagged)) {
                flaggedAt.put(target, t);
                fired.add(String.format(
                        java.util.Locale.ROOT,
                        "%d: %d connections to 203.0.113.%d:443 every %s (±%.0f s, %.1f%% variation); the threshold is"
                                + " under 10%% over at least 8 connections",
                        i,
                        times.size(),
                        target,
                        Detectors.human(java.time.Duration.ofMillis(Math.round(mean))),
                        sd / 1000,
                        sd / mean * 100));
            }
        }
        return fired;
    }

    @Test
    void distancesAreGreatCircle() {
        assertThat(io.flowanalyzer.model.GeoDistance.kilometres(19.0760, 72.8777, 28.6139, 77.2090))
                .isBetween(1140.0, 1160.0);
        assertThat(io.flowanalyzer.model.GeoDistance.kilometres(0, 0, 0, 0)).isZero();
    }
}
