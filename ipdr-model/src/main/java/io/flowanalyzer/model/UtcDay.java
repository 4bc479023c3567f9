package io.flowanalyzer.model;

import java.time.LocalDate;

/**
 * A UTC calendar day by its epoch day, the last one asked for kept: records of a delivery come a day at a time,
 * and turning seconds into a year, month and day ({@link LocalDate#ofEpochDay}) was a twentieth of reading a CSV
 * line, done three times a record (its id's times and its JSON's); the other way, a date read from a line into its
 * epoch day, twice a record.
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

    /** The day of a date, or null when there is no such date (30 February, month 13). */
    static UtcDay ofDate(int year, int month, int day) {
        UtcDay known = last;
        if (known.day == day && known.month == month && known.year == year) {
            return known;
        }
        LocalDate d;
        try {
            d = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException noSuchDate) {
            return null;
        }
        UtcDay found = new UtcDay(d.toEpochDay(), year, month, day);
        last = found;
        return found;
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
