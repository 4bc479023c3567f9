package io.flowanalyzer.launcher.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A generic-CSV delivery of known content: {@code sessions} lines numbered 0.., session i starting
 * 37 s after session i-1 from 2024-03-01T00:00:00Z (so the file spans several UTC days), half of
 * them written as local times and half as ISO-8601 with an IST offset; plus {@link #MALFORMED}
 * lines inserted at fixed places, each wrong in its own way. 500 subscribers take turns, each with one
 * SIM (IMSI) and one handset (IMEI), as in a real delivery: the detectors keep a profile per handset and
 * per subscriber, not one per session.
 */
public final class SyntheticDelivery {
    public static final Instant FIRST_START = Instant.parse("2024-03-01T00:00:00Z");
    /** How many subscribers the sessions belong to, in turn. */
    public static final int SUBSCRIBERS = 500;

    public static final String HEADER =
            "Start_Time,End_Time,MSISDN,IMSI,IMEI,Private_IP,Private_Port,Public_IP,Public_Port,"
                    + "Destination_IP,Destination_Port,Protocol,Bytes_Up,Bytes_Down,Cell_ID,Lat,Lon";
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IST =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHoursMinutes(5, 30));

    /** Malformed lines by the data line (1-based, after the header) they are written at, with the reason the platform gives. */
    public static final Map<Integer, String[]> MALFORMED = Map.of(
            101,
                    new String[] {
                        "2024-03-01 01:00:00,2024-03-01 01:01:00,919800000001,404450000000001,356938035643809,10.0.0.300,40000,100.64.0.1,2000,8.8.8.8,53,udp,1,1,C1,19.0,72.8",
                        "Private_IP '10.0.0.300' is not an IP address"
                    },
            2002,
                    new String[] {
                        "2024-03-01 01:00:00,919800000002,10.0.0.1", "the line has 3 fields where the header has 17"
                    },
            4003,
                    new String[] {
                        "31/02/2024 10:00,,919800000003,,,10.0.0.3,1,,,8.8.8.8,53,udp,1,1,,,",
                        "Start_Time '31/02/2024 10:00' is not a time (expected ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss)"
                    },
            6004,
                    new String[] {
                        "2024-03-01 01:00:00,,919800000004,,,10.0.0.4,70000,,,8.8.8.8,53,udp,1,1,,,",
                        "Private_Port '70000' is not a port number (0-65535)"
                    },
            9005,
                    new String[] {
                        "2024-03-01 01:00:00,,9.19800E+11,,,10.0.0.5,1,,,8.8.8.8,53,udp,1,1,,,",
                        "MSISDN '9.19800E+11' is in spreadsheet scientific notation, so its last digits are lost"
                    });

    private SyntheticDelivery() {}

    public static Instant start(int i) {
        return FIRST_START.plusSeconds(37L * i);
    }

    public static String msisdn(int i) {
        return msisdnOf(i % SUBSCRIBERS);
    }

    public static String imsi(int i) {
        return imsiOf(i % SUBSCRIBERS);
    }

    public static String imei(int i) {
        return imeiOf(i % SUBSCRIBERS);
    }

    private static String msisdnOf(int subscriber) {
        return "9198" + String.format("%08d", 10_000 + subscriber);
    }

    private static String imsiOf(int subscriber) {
        return "40445" + String.format("%010d", subscriber);
    }

    private static String imeiOf(int subscriber) {
        return "35693803" + String.format("%07d", subscriber);
    }

    public static String privateIp(int i) {
        return "10." + (i / 65536) % 256 + "." + (i / 256) % 256 + "." + i % 256;
    }

    public static String publicIp(int i) {
        return "100.64." + (i / 256) % 256 + "." + i % 256;
    }

    public static String destinationIp(int i) {
        if (i % 3 != 0) {
            return "157.240." + i % 256 + "." + (i * 7) % 256;
        }
        // an IPv6 group holds 16 bits: from session 65,536 on the number spreads over two groups
        String high = i >= 0x10000 ? Integer.toHexString(i >>> 16) + ":" : "";
        return "2409:4042:" + high + Integer.toHexString(i & 0xffff) + "::1";
    }

    /** Session {@code i} as a CSV line. */
    public static String line(int i) {
        return line(i, false);
    }

    /**
     * Session {@code i}, or in a warm-up delivery its twin five years earlier with other subscribers: the
     * same work for every stage, nothing shared with the delivery measured after it (event time only moves
     * on from it, and no subscriber's profile, handset or relay hour holds any of it).
     */
    private static String line(int i, boolean warmUp) {
        Instant start = warmUp ? fiveYearsEarlier(start(i)) : start(i);
        Instant end = start.plusSeconds(30 + i % 600);
        String startText = i % 2 == 0 ? LOCAL.format(start) : IST.format(start);
        String endText = i % 2 == 0 ? LOCAL.format(end) : IST.format(end);
        int subscriber = i % SUBSCRIBERS + (warmUp ? SUBSCRIBERS : 0); // the warm-up's are the next 500
        return String.join(
                ",",
                startText,
                endText,
                msisdnOf(subscriber),
                imsiOf(subscriber),
                imeiOf(subscriber),
                privateIp(i),
                String.valueOf(1024 + i % 60000),
                publicIp(i),
                String.valueOf(2048 + i % 60000),
                destinationIp(i),
                i % 5 == 0 ? "53" : "443",
                i % 5 == 0 ? "udp" : "tcp",
                String.valueOf(1000L * i),
                String.valueOf(5000L * i),
                "40445-" + (i % 97),
                "19.07",
                "72.87");
    }

    /** Writes {@code sessions} good lines and the malformed ones: data lines = sessions + 5. */
    public static Path write(Path file, int sessions) throws IOException {
        return writeLines(file, sessions + MALFORMED.size());
    }

    /** Writes {@code total} data lines, the malformed ones among them where they fall within. */
    public static Path writeLines(Path file, int total) throws IOException {
        return writeLines(file, total, 1, false);
    }

    /**
     * {@link #writeLines} for a warm-up delivery: five years earlier, other subscribers, and every
     * {@code stride}-th session of the delivery it warms up for, so that its {@code total} lines have that
     * delivery's shapes (its months, its IPv6 forms, its malformed lines) in fewer lines.
     */
    public static Path writeWarmUp(Path file, int total, int stride) throws IOException {
        return writeLines(file, total, Math.max(1, stride), true);
    }

    /** The first start of a warm-up delivery's sessions; every one before {@link #FIRST_START}. */
    public static Instant warmUpStart() {
        return fiveYearsEarlier(FIRST_START);
    }

    private static Instant fiveYearsEarlier(Instant t) {
        return t.atOffset(ZoneOffset.UTC).minusYears(5).toInstant();
    }

    private static Path writeLines(Path file, int total, int stride, boolean warmUp) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write("\r\n");
            int session = 0;
            for (int dataLine = 1; dataLine <= total; dataLine++) {
                String[] bad = MALFORMED.get(dataLine);
                w.write(bad != null ? bad[0] : line(stride * session++, warmUp));
                w.write("\r\n");
            }
        }
        return file;
    }

    /** How many malformed lines a delivery of {@code dataLines} data lines holds. */
    public static int malformedWithin(int dataLines) {
        return (int) MALFORMED.keySet().stream().filter(l -> l <= dataLines).count();
    }

    /** The session index written at a data line (1-based), or -1 for a malformed line. */
    public static int sessionAt(int dataLine) {
        if (MALFORMED.containsKey(dataLine)) {
            return -1;
        }
        int before = (int) MALFORMED.keySet().stream().filter(l -> l < dataLine).count();
        return dataLine - 1 - before;
    }
}
