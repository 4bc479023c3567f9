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
}
