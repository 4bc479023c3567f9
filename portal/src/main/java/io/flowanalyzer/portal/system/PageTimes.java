package io.flowanalyzer.portal.system;

import java.time.Instant;

/** Times as the pages show them: {@code 2026-12-02 15:51:19}, UTC to the second (the column heads say UTC). */
public final class PageTimes {
    private PageTimes() {}

    /** An ISO-8601 UTC time ({@code 2026-12-02T15:51:19.123Z}) as shown; null stays null. */
    public static String shown(String iso) {
        return iso == null
                ? null
                : iso.replace('T', ' ').replaceAll("\\.\\d+", "").replace("Z", "");
    }

    /** An instant as shown; null stays null. */
    public static String shown(Instant t) {
        return t == null ? null : shown(t.toString());
    }
}
