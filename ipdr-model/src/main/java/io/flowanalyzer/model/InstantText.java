package io.flowanalyzer.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The instants of the JSON form ({@code 2026-11-24T10:15:30.123Z}, as {@link Instant#toString} writes
 * them) written and read by hand: every record carries several, and java.time's formatter and parser
 * were a tenth of the correlator's time per session. Anything outside the plain UTC shape (years before
 * 0 or after 9999, offsets) goes java.time's way, with the same result.
 */
final class InstantText {
    private InstantText() {}

    /** The Jackson module that writes and reads instants this way. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("instant-text");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write(value));
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.hasToken(JsonToken.VALUE_STRING)) {
                    Instant fast = read(p.getText());
                    if (fast != null) {
                        return fast;
                    }
                }
                return InstantDeserializer.INSTANT.deserialize(p, ctxt);
            }
        });
        return m;
    }

    /** {@code t} exactly as {@link Instant#toString} writes it. */
    static String write(Instant t) {
        byte[] b = new byte[30];
        int n = write(t, b, 0);
        return n < 0 ? t.toString() : new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code t} as {@link Instant#toString} writes it, in ASCII into {@code b} from {@code at} (30 bytes are
     * enough); the end, or -1 for a year outside 0000–9999, which only {@link Instant#toString} writes.
     */
    static int write(Instant t, byte[] b, int at) {
        long seconds = t.getEpochSecond();
        // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z
        if (seconds < -62_167_219_200L || seconds > 253_402_300_799L) {
            return -1;
        }
        UtcDay d = UtcDay.ofSecond(seconds);
        int second = UtcDay.secondOfDay(seconds);
        int nanos = t.getNano();
        two(b, at, d.year() / 100);
        two(b, at + 2, d.year() % 100);
        b[at + 4] = '-';
        two(b, at + 5, d.month());
        b[at + 7] = '-';
        two(b, at + 8, d.day());
        b[at + 10] = 'T';
        two(b, at + 11, second / 3600);
        b[at + 13] = ':';
        two(b, at + 14, second / 60 % 60);
        b[at + 16] = ':';
        two(b, at + 17, second % 60);
        int n = at + 19;
        if (nanos > 0) {
            b[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(b, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                put(b, n, nanos / 1_000, 6);
                n += 6;
            } else {
                put(b, n, nanos, 9);
                n += 9;
            }
        }
        b[n++] = 'Z';
        return n;
    }

    /** "00" to "99": each field of a time is two digits, written by one look-up instead of a division a digit. */
    private static final byte[] TWO_DIGITS = new byte[200];

    static {
        for (int v = 0; v < 100; v++) {
            TWO_DIGITS[2 * v] = (byte) ('0' + v / 10);
            TWO_DIGITS[2 * v + 1] = (byte) ('0' + v % 10);
        }
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = TWO_DIGITS[2 * value];
        b[at + 1] = TWO_DIGITS[2 * value + 1];
    }

    private static void put(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, exactly; null for any other text. */
    static Instant read(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(n - 1) != 'Z'
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        long whole = wholeSeconds(s);
        if (whole == NOT_A_TIME) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = EventTimes.digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int k = fraction; k < 9; k++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static final long NOT_A_TIME = Long.MIN_VALUE;

    /**
     * The epoch second of {@code yyyy-MM-dd?HH:mm:ss} (UTC) at the start of {@code s}, the separators checked by
     * the caller; {@link #NOT_A_TIME} when a part is not digits or there is no such date or time of day. The
     * date's epoch day comes from the days {@link EventTimes} keeps, not from four java.time objects a time.
     */
    static long wholeSeconds(String s) {
        int year = EventTimes.digits(s, 0, 4);
        int month = EventTimes.digits(s, 5, 7);
        int day = EventTimes.digits(s, 8, 10);
        int hour = EventTimes.digits(s, 11, 13);
        int minute = EventTimes.digits(s, 14, 16);
        int second = EventTimes.digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return NOT_A_TIME;
        }
        long epochDay = EventTimes.epochDay(year, month, day);
        if (epochDay == Long.MIN_VALUE) {
            return NOT_A_TIME;
        }
        return epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
    }
}
