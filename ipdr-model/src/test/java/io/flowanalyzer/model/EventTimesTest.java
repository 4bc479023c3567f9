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
}
