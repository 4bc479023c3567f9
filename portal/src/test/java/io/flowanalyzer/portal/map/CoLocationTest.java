package io.flowanalyzer.portal.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoLocationTest {
    private static final String A = "919844400001";
    private static final String B = "919844400002";
    private static final String C = "919844400003";

    private static CoLocation.Sighting at(String who, String time, double lat, double lon, String cell) {
        return new CoLocation.Sighting(who, Instant.parse(time), lat, lon, cell, who + "@" + time);
    }

    @Test
    void theSameCellOrANearOneWithinTheWindowIsTogetherAndMeetingsFarApartInTimeAreTwoEncounters() {
        List<CoLocation.Sighting> sightings = List.of(
                at(A, "2026-11-26T10:00:00Z", 19.0760, 72.8777, "TOG-1"),
                at(B, "2026-11-26T10:10:00Z", 19.0760, 72.8777, "TOG-1"),
                at(A, "2026-11-26T11:20:00Z", 19.0896, 72.8656, "TOG-2"),
                at(B, "2026-11-26T11:30:00Z", 19.0900, 72.8660, "TOG-3"),
                // at the same minute, a thousand kilometres apart: not together
                at(A, "2026-11-26T15:00:00Z", 28.6139, 77.2090, "TOG-4"),
                at(B, "2026-11-26T15:00:00Z", 19.0000, 72.8000, "TOG-5"));
        List<CoLocation.Encounter> found = CoLocation.encounters(sightings, Duration.ofMinutes(30), 1.0);
        assertThat(found).hasSize(2);
        CoLocation.Encounter first = found.get(0);
        assertThat(first.a()).isEqualTo(A);
        assertThat(first.b()).isEqualTo(B);
        assertThat(first.from()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(first.to()).isEqualTo("2026-11-26T10:10:00Z");
        assertThat(first.sameCell()).isTrue();
        assertThat(first.km()).isZero();
        assertThat(first.cells()).containsExactly("TOG-1");
        assertThat(first.sessions()).containsExactly(A + "@2026-11-26T10:00:00Z", B + "@2026-11-26T10:10:00Z");
        CoLocation.Encounter second = found.get(1);
        assertThat(second.from()).isEqualTo("2026-11-26T11:20:00Z");
        assertThat(second.sameCell()).isFalse();
        assertThat(second.km()).isCloseTo(0.061, within(0.002));
        assertThat(second.cells()).containsExactly("TOG-2", "TOG-3");
        assertThat(second.meetings()).isEqualTo(1);
    }

    @Test
    void theWindowAndTheDistanceDecide() {
        List<CoLocation.Sighting> sightings = List.of(
                at(A, "2026-11-26T10:00:00Z", 19.0760, 72.8777, "TOG-1"),
                at(B, "2026-11-26T10:31:00Z", 19.0760, 72.8777, "TOG-1"));
        assertThat(CoLocation.encounters(sightings, Duration.ofMinutes(30), 1.0))
                .isEmpty();
        assertThat(CoLocation.encounters(sightings, Duration.ofMinutes(31), 1.0))
                .hasSize(1);
        List<CoLocation.Sighting> near = List.of(
                at(A, "2026-11-26T11:20:00Z", 19.0896, 72.8656, "TOG-2"),
                at(B, "2026-11-26T11:30:00Z", 19.0900, 72.8660, "TOG-3"));
        assertThat(CoLocation.encounters(near, Duration.ofMinutes(30), 0.05)).isEmpty();
        assertThat(CoLocation.encounters(near, Duration.ofMinutes(30), 0.1)).hasSize(1);
    }

    @Test
    void aSubscriberIsNeverTogetherWithThemselvesAndEachPairIsItsOwnEncounter() {
        List<CoLocation.Sighting> sightings = List.of(
                at(A, "2026-11-26T10:00:00Z", 19.0760, 72.8777, "TOG-1"),
                at(A, "2026-11-26T10:05:00Z", 19.0760, 72.8777, "TOG-1"),
                at(C, "2026-11-26T10:06:00Z", 19.0760, 72.8777, "TOG-1"),
                at(B, "2026-11-26T10:07:00Z", 19.0760, 72.8777, "TOG-1"));
        List<CoLocation.Encounter> found = CoLocation.encounters(sightings, Duration.ofMinutes(30), 1.0);
        assertThat(found).extracting(e -> e.a() + "+" + e.b()).containsExactly(A + "+" + B, A + "+" + C, B + "+" + C);
        // A's two sessions each met C's: one encounter of two meetings
        assertThat(found.get(1).meetings()).isEqualTo(2);
        assertThat(found.get(1).from()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(found.get(1).to()).isEqualTo("2026-11-26T10:06:00Z");
        assertThat(found.get(2).meetings()).isEqualTo(1);
    }
}
