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
    void distancesAreGreatCircle() {
        assertThat(io.flowanalyzer.model.GeoDistance.kilometres(19.0760, 72.8777, 28.6139, 77.2090))
                .isBetween(1140.0, 1160.0);
        assertThat(io.flowanalyzer.model.GeoDistance.kilometres(0, 0, 0, 0)).isZero();
    }
}
