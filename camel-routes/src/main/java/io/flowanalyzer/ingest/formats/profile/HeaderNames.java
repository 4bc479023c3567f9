package io.flowanalyzer.ingest.formats.profile;

import java.util.Locale;

/** How header cells and profile aliases are compared: no case, no parenthesised hints, no punctuation. */
public final class HeaderNames {
    private HeaderNames() {}

    /** "IST Start Time of Public IP address allocation (hh:mm:ss)" → "ist start time of public ip address allocation". */
    public static String normalise(String name) {
        String s = name.replace('\uFEFF', ' ').toLowerCase(Locale.ROOT).replaceAll("\\([^)]*\\)", " ");
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
