package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @Test
    void readsIsoTimesWithTheirOwnOffsetWhateverTheFeedZone() {
        assertThat(EventTimes.parse("2024-03-01T10:15:30+05:30", ZoneOffset.UTC))
                .contains(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(EventTimes.parse("2024-03-01T10:15:30.1234Z", IST))
                .contains(Instant.parse("2024-03-01T10:15:30.123Z"));
    }

    @Test
    void readsLocalTimesInTheFeedZone() {
        assertThat(EventTimes.parse("2024-03-01 10:15:30", IST)).contains(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(EventTimes.parse("2024-03-01 10:15:30", ZoneOffset.UTC))
                .contains(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(EventTimes.parse("2024-03-01T10:15:30.5", ZoneOffset.UTC))
                .contains(Instant.parse("2024-03-01T10:15:30.500Z"));
    }

    @Test
    void refusesImpossibleAndForeignTimes() {
        assertThat(EventTimes.parse("2024-02-30 10:00:00", ZoneOffset.UTC)).isEmpty();
        assertThat(EventTimes.parse("2024-03-01 25:00:00", ZoneOffset.UTC)).isEmpty();
        assertThat(EventTimes.parse("01/03/2024 10:00:00", ZoneOffset.UTC)).isEmpty();
        assertThat(EventTimes.parse("yesterday", ZoneOffset.UTC)).isEmpty();
        assertThat(EventTimes.parse("  ", ZoneOffset.UTC)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theFastPathReadsEveryTimeExactlyAsJavaTimeDoes() {
        java.time.ZoneId ist = java.time.ZoneId.of("Asia/Kolkata");
        for (String text : java.util.List.of(
                "2024-03-01 10:15:30",
                "2024-03-01T10:15:30",
                "2024-03-01T10:15:30Z",
                "2024-03-01T10:15:30.5Z",
                "2024-03-01T10:15:30.123456789+05:30",
                "2024-03-01T23:59:59-08:00",
                "2024-02-29 00:00:00",
                "2023-03-26 02:30:00",
                "1999-12-31T23:59:59.999+00:00")) {
            assertThat(EventTimes.fast(text, ist)).as(text).isNotNull();
            assertThat(java.util.Optional.of(EventTimes.fast(text, ist)))
                    .as(text)
                    .isEqualTo(EventTimes.general(text, ist));
        }
        for (String text : java.util.List.of(
                "2023-02-29 10:00:00",
                "2024-13-01 10:00:00",
                "2024-03-01 24:00:00",
                "2024-03-01T10:15:30+5:30",
                "2024-03-01 10:15",
                "2024/03/01 10:15:30",
                "2024-03-01T10:15:30.Z",
                "2024-03-01T10:15:30 UTC")) {
            assertThat(EventTimes.fast(text, ist)).as(text).isNull();
        }
        assertThat(EventTimes.parse("2023-02-29 10:00:00", ist)).isEmpty();
    }

    /**
     * Local times in zones with summer time, old changes and odd offsets — around their changes (gaps, overlaps),
     * and in the middle of a stretch — read by hand exactly as java.time reads them, in any order (the stretch
     * of the zone last asked is kept).
     */
    @Test
    void readsLocalTimesAroundEveryChangeOfOffsetAsJavaTimeDoes() {
        java.util.Random random = new java.util.Random(20261207);
        List<ZoneId> zones = List.of(
                IST,
                ZoneId.of("Europe/London"),
                ZoneId.of("America/New_York"),
                ZoneId.of("Australia/Lord_Howe"), // a half-hour change
                ZoneId.of("Asia/Kathmandu"),
                ZoneId.of("UTC"),
                ZoneOffset.ofHoursMinutes(5, 30));
        java.time.format.DateTimeFormatter text = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
        List<java.time.LocalDateTime> times = new java.util.ArrayList<>();
        for (ZoneId zone : zones) {
            for (java.time.zone.ZoneOffsetTransition t : zone.getRules().getTransitions()) {
                for (int minutes = -90; minutes <= 90; minutes += 15) {
                    times.add(t.getDateTimeBefore().plusMinutes(minutes));
                }
            }
            for (java.time.zone.ZoneOffsetTransitionRule rule : zone.getRules().getTransitionRules()) {
                for (int year = 2023; year <= 2025; year++) {
                    java.time.zone.ZoneOffsetTransition t = rule.createTransition(year);
                    for (int seconds = -5400; seconds <= 5400; seconds += 900) {
                        times.add(t.getDateTimeBefore().plusSeconds(seconds));
                        times.add(t.getDateTimeBefore().plusSeconds(seconds - 1));
                    }
                }
            }
        }
        for (int k = 0; k < 2_000; k++) {
            times.add(java.time.LocalDateTime.of(1900, 1, 1, 0, 0).plusSeconds((long) (random.nextDouble() * 4e9)));
        }
        java.util.Collections.shuffle(times, random);
        for (java.time.LocalDateTime local : times) {
            if (local.getYear() < 1000 || local.getYear() > 9999) {
                continue;
            }
            String s = text.format(local);
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            assertThat(java.util.Optional.ofNullable(EventTimes.fast(s, zone)))
                    .as("%s in %s", s, zone)
                    .isEqualTo(EventTimes.general(s, zone))
                    .contains(local.atZone(zone).toInstant());
        }
    }

    @Test
    void leavesOffsetsBeyondEighteenHoursToTheGeneralWay() {
        assertThat(EventTimes.fast("2024-03-01T10:15:30+18:30", IST)).isNull();
        assertThat(EventTimes.parse("2024-03-01T10:15:30+18:30", IST)).isEmpty();
        assertThat(EventTimes.parse("2024-03-01T10:15:30-18:00", IST)).contains(Instant.parse("2024-03-02T04:15:30Z"));
    }
}
