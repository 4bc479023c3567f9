package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesEveryInstantAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(20261206L);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 1000, 253_402_300_799L + 1000);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantText.write(t)).isEqualTo(t.toString());
            assertThat(InstantText.read(t.toString())).isIn(null, t);
        }
        Instant[] edges = {
            Instant.EPOCH,
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("2024-02-29T23:59:59.001Z"),
            Instant.parse("1969-12-31T23:59:59.100Z"),
            Instant.MIN,
            Instant.MAX
        };
        for (Instant t : edges) {
            assertThat(InstantText.write(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void readsEveryDateAndTimeOfDayOfTheFourDigitYearsAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(20261208L);
        for (int i = 0; i < 300_000; i++) {
            // every field anywhere in 0–99 (or the year in 0–9999), so days and times that do not exist come too
            int year = i % 3 == 0 ? random.nextInt(10_000) : 1900 + random.nextInt(250);
            int month = i % 5 == 0 ? random.nextInt(100) : 1 + random.nextInt(12);
            int day = i % 7 == 0 ? random.nextInt(100) : 1 + random.nextInt(31);
            int hour = i % 11 == 0 ? random.nextInt(100) : random.nextInt(24);
            int minute = i % 13 == 0 ? random.nextInt(100) : random.nextInt(60);
            int second = i % 17 == 0 ? random.nextInt(100) : random.nextInt(60);
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
            Instant expected;
            try {
                expected = java.time.LocalDateTime.of(year, month, day, hour, minute, second)
                        .toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException noSuchTime) {
                expected = null;
            }
            assertThat(InstantText.read(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void readsThePlainUtcShapeExactlyAndLeavesEveryOtherToJavaTime() {
        assertThat(InstantText.read("2026-11-24T10:15:30Z")).isEqualTo(Instant.parse("2026-11-24T10:15:30Z"));
        assertThat(InstantText.read("2026-11-24T10:15:30.1Z")).isEqualTo(Instant.parse("2026-11-24T10:15:30.100Z"));
        assertThat(InstantText.read("2026-11-24T10:15:30.123456789Z"))
                .isEqualTo(Instant.parse("2026-11-24T10:15:30.123456789Z"));
        assertThat(InstantText.read("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        for (String other : new String[] {
            "2026-02-31T10:15:30Z", // no such day
            "2023-02-29T10:15:30Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T10:15:60Z",
            "2026-11-24T10:15:30.Z",
            "2026-11-24T10:15:30.1234567890Z",
            "2026-11-24T10:15:30+05:30",
            "2026-11-24 10:15:30Z",
            "+12026-11-24T10:15:30Z",
            "2026-1x-24T10:15:30Z",
            "2026-11-24T10:15:30z",
            ""
        }) {
            assertThat(InstantText.read(other)).as(other).isNull();
        }
    }

    @Test
    void recordsReadTheSameAsJavaTimeReadsThem() throws IOException {
        record Stamped(Instant at) {}
        assertThat(RecordJson.fromJson("{\"at\":\"2026-11-24T10:15:30.5Z\"}", Stamped.class)
                        .at())
                .isEqualTo(Instant.parse("2026-11-24T10:15:30.500Z"));
        // other shapes java.time reads: an offset, and epoch seconds as a number
        assertThat(RecordJson.fromJson("{\"at\":\"2026-11-24T10:15:30+05:30\"}", Stamped.class)
                        .at())
                .isEqualTo(Instant.parse("2026-11-24T04:45:30Z"));
        assertThat(RecordJson.fromJson("{\"at\":1764000000}", Stamped.class).at())
                .isEqualTo(Instant.ofEpochSecond(1_764_000_000L));
        assertThat(RecordJson.toJson(new Stamped(Instant.parse("2026-11-24T10:15:30.120Z"))))
                .isEqualTo("{\"at\":\"2026-11-24T10:15:30.120Z\"}");
        assertThatThrownBy(() -> RecordJson.fromBytes(
                        "{\"at\":\"2026-02-31T10:15:30Z\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Stamped.class))
                .isInstanceOf(IOException.class);
    }
}
