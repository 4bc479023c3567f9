package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcDayTest {

    private static void matchesJavaTime(long second) {
        LocalDateTime expected = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        UtcDay day = UtcDay.ofSecond(second);
        int s = UtcDay.secondOfDay(second);
        assertThat(new int[] {day.year(), day.month(), day.day(), s / 3600, s / 60 % 60, s % 60})
                .as("second %d", second)
                .containsExactly(
                        expected.getYear(),
                        expected.getMonthValue(),
                        expected.getDayOfMonth(),
                        expected.getHour(),
                        expected.getMinute(),
                        expected.getSecond());
    }

    @Test
    void givesJavaTimesCalendarForAnySecondInAnyOrder() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // runs within a day (the kept day reused), jumps across years, and times before 1970
            long second = i % 3 == 0
                    ? -62_167_219_200L + Math.floorMod(random.nextLong(), 253_402_300_800L + 62_167_219_200L)
                    : 1_709_251_200L + random.nextInt(3 * 86_400);
            matchesJavaTime(second);
        }
    }

    @Test
    void edgesOfDaysAndLeapYears() {
        long[] seconds = {
            0,
            -1,
            86_399,
            86_400,
            -86_400,
            -86_401,
            951_782_399L,
            951_782_400L, // 2000-02-29 00:00
            1_709_164_799L,
            1_709_164_800L,
            1_709_251_199L,
            1_709_251_200L, // 2024-02-29, 03-01
            253_402_300_799L,
            -62_167_219_200L
        };
        for (long s : seconds) {
            matchesJavaTime(s);
            matchesJavaTime(s); // and again, from the kept day
        }
    }
}
