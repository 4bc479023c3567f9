package io.flowanalyzer.portal.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks a time-range bound before it reaches the engine, so a mistyped one gets a plain sentence:
 * ISO-8601 with an offset ({@code 2024-03-01T10:00:00+05:30}), a UTC day ({@code 2024-03-01}), or
 * date math from now ({@code now}, {@code now-7d}, {@code now-1h/h}), or epoch milliseconds.
 */
public final class TimeBound {
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern DATE_MATH = Pattern.compile("now([+-][0-9]{1,6}[yMwdhHms])*(/[yMwdhHms])?");

    private TimeBound() {}

    /** The bound as Elasticsearch takes it; {@link InvalidSearch} when it is none of the accepted forms. */
    public static String check(String name, String value) {
        String v = value.strip();
        if (DATE_MATH.matcher(v).matches() || EPOCH_MILLIS.matcher(v).matches()) {
            return v;
        }
        try {
            OffsetDateTime.parse(v);
            return v;
        } catch (DateTimeParseException notDateTime) {
            // try a day
        }
        try {
            LocalDate.parse(v);
            return v;
        } catch (DateTimeParseException notDay) {
            throw new InvalidSearch(
                    "The '" + name + "' time '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v)
                            + "' is not understood. Use a date (2024-03-01), a time with its offset (2024-03-01T10:00:00+05:30 or …Z), or now-7d.");
        }
    }
}
