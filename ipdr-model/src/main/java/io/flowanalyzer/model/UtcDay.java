package io.flowanalyzer.model;

import java.time.LocalDate;

/**
 * A UTC calendar day by its epoch day, the last one asked for kept: records of a delivery come a day at a time,
 * and turning seconds into a year, month and day ({@link LocalDate#ofEpochDay}) was a twentieth of reading a CSV
 * line, done three times a record (its id's times and its JSON's).
 */
record UtcDay(long epochDay, int year, int month, int day) {
    private static volatile UtcDay last = of(0);

    /** The day {@code epochSecond} falls in (UTC); any epoch second. */
    static UtcDay ofSecond(long epochSecond) {
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        UtcDay known = last;
        if (known.epochDay == epochDay) {
            return known;
        }
        UtcDay day = of(epochDay);
        last = day;
        return day;
    }

    private static UtcDay of(long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return new UtcDay(epochDay, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** The second of the day (0–86399) of {@code epochSecond}. */
    static int secondOfDay(long epochSecond) {
        return (int) Math.floorMod(epochSecond, 86_400L);
    }
}
