package io.flowanalyzer.ingest.formats.profile;

import java.util.Locale;

/** The canonical columns a delimited format profile maps a delivery's header cells to. */
public enum Column {
    START,
    START_DATE,
    START_CLOCK,
    END,
    END_DATE,
    END_CLOCK,
    DURATION,
    MSISDN,
    IMSI,
    IMEI,
    DEVICE_ID,
    SUBSCRIBER_ID,
    PRIVATE_IP,
    PRIVATE_PORT,
    PUBLIC_IP,
    PUBLIC_PORT,
    DESTINATION_IP,
    DESTINATION_PORT,
    PROTOCOL,
    BYTES_UP,
    BYTES_DOWN,
    CELL_ID,
    LAST_CELL_ID,
    LAT,
    LON,
    APN,
    RAT,
    /** An accounting session's id (RADIUS Acct-Session-Id), for binding rows. */
    SESSION_ID,
    /** The address of the device that reported the row (RADIUS NAS-IP-Address), for binding rows. */
    REPORTER_IP;

    /** The name profiles use for it: {@code start_date}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Column fromKey(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT));
    }
}
