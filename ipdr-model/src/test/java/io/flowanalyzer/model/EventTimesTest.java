package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    @Test
    void leavesOffsetsBeyondEighteenHoursToTheGeneralWay() {
        assertThat(EventTimes.fast("2024-03-01T10:15:30+18:30", IST)).isNull();
        assertThat(EventTimes.parse("2024-03-01T10:15:30+18:30", IST)).isEmpty();
        assertThat(EventTimes.parse("2024-03-01T10:15:30-18:00", IST)).contains(Instant.parse("2024-03-02T04:15:30Z"));
    }

    @Test
    void theFastPathAgreesWithJavaTimeOnEveryDayInEveryZoneAlsoWhereTheClocksChange() {
        java.util.List<ZoneId> zones = java.util.List.of(
                ZoneOffset.UTC,
                IST,
                ZoneId.of("Europe/Berlin"),
                ZoneId.of("America/New_York"),
                ZoneId.of("Australia/Lord_Howe"), // half-hour summer time
                ZoneId.of("America/Sao_Paulo"), // summer time at midnight: the day starts at 01:00
                ZoneId.of("Pacific/Apia"), // skipped 30 December 2011
                ZoneOffset.ofHoursMinutes(-9, -30));
        java.util.Random random = new java.util.Random(3);
        java.time.LocalDate from = java.time.LocalDate.of(1900, 1, 1);
        for (int k = 0; k < 40_000; k++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            java.time.LocalDate day;
            if (k % 3 == 0) { // a day around a transition of the zone, where there is one
                java.time.zone.ZoneOffsetTransition t = zone.getRules()
                        .nextTransition(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextInt(800_000_000)));
                day = t == null
                        ? from.plusDays(random.nextInt(73_000))
                        : t.getDateTimeBefore().toLocalDate().plusDays(random.nextInt(3) - 1);
            } else {
                day = from.plusDays(random.nextInt(73_000));
            }
            String text = String.format(
                    "%s%s%02d:%02d:%02d%s%s",
                    day,
                    random.nextBoolean() ? " " : "T",
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    switch (random.nextInt(4)) {
                        case 0 -> "." + (1 + random.nextInt(999_999_998));
                        case 1 -> "." + random.nextInt(10);
                        default -> "";
                    },
                    switch (random.nextInt(5)) {
                        case 0 -> "Z";
                        case 1 -> String.format(
                                "%s%02d:%02d",
                                random.nextBoolean() ? "+" : "-", random.nextInt(15), random.nextInt(4) * 15);
                        default -> "";
                    });
            if (text.matches(".*\\.\\d{10,}.*") || text.matches(".{10} .*[Z+-].*")) {
                continue; // more than nine fraction digits, or a space before a time with an offset: not the general
                // way's
            }
            assertThat(java.util.Optional.ofNullable(EventTimes.fast(text, zone)))
                    .as("%s in %s", text, zone)
                    .isEqualTo(EventTimes.general(text, zone));
        }
    }

    @Test
    void aLocalTimeInTheHourTheClocksSkipOrRepeatIsReadAsJavaTimeReadsIt() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 02:30 does not exist on 31 March 2024 (moved on by the gap) and happens twice on 27 October (the earlier)
        assertThat(EventTimes.parse("2024-03-31 02:30:00", berlin)).contains(Instant.parse("2024-03-31T01:30:00Z"));
        assertThat(EventTimes.parse("2024-10-27 02:30:00", berlin)).contains(Instant.parse("2024-10-27T00:30:00Z"));
        assertThat(EventTimes.parse("2024-10-28 02:30:00", berlin)).contains(Instant.parse("2024-10-28T01:30:00Z"));
    }
}
