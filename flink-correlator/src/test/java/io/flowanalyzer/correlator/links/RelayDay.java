package io.flowanalyzer.correlator.links;

import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A day of messaging traffic with known probable contacts: 120 subscribers using two WhatsApp relays and
 * a Telegram relay from 08:00 to 22:00 IST (messages, media, calls with nobody else in the data), and 25
 * planted calls between two subscribers of the data — both legs at one relay, starting and ending within
 * a few seconds of each other, one side's upload the other's download within 5 %. Around the plants sit
 * hard cases that must not link: a third subscriber on the same relay at the same moment with a session
 * of another length, the same moment at another relay, calls in step with a non-relay B-party (a web
 * server), and a planted call whose records report no volume (it links, with a lower score).
 * {@link #calls} holds the ids of the links that are right.
 */
public final class RelayDay {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final String[] RELAYS = {"157.240.16.20", "157.240.16.21", "91.108.56.130"};
    static final String WEB = "142.250.183.14";
    static final int SUBSCRIBERS = 120;

    public final List<SessionRecord> sessions = new ArrayList<>();
    /** The ids of the links the planted calls make. */
    public final Set<String> calls = new HashSet<>();

    private final Random random;
    private int sequence;

    public RelayDay(long seed) {
        random = new Random(seed);
        long open = DAY.atTime(8, 0).atZone(IST).toInstant().getEpochSecond();
        long close = DAY.atTime(22, 0).atZone(IST).toInstant().getEpochSecond();
        for (int k = 0; k < SUBSCRIBERS; k++) {
            for (int n = 0; n < 30; n++) {
                long start = open + random.nextLong(close - open);
                // mostly short (messages), some long (calls to people outside the data)
                long duration = random.nextInt(4) == 0 ? 60 + random.nextInt(1800) : 1 + random.nextInt(30);
                session(k, RELAYS[random.nextInt(RELAYS.length)], start * 1000, duration * 1000, volume(), volume());
            }
        }
        for (int c = 0; c < 25; c++) {
            int a = 2 * c;
            int b = 2 * c + 1 + (c % 3 == 0 ? 20 : 0); // some pairs far apart in the list
            long start = (open + 1800 + c * 1900L) * 1000 + random.nextInt(1000);
            long duration = (60 + random.nextInt(1500)) * 1000L;
            String relay = RELAYS[c % RELAYS.length];
            long x = 200_000 + random.nextInt(5_000_000);
            long y = 200_000 + random.nextInt(5_000_000);
            boolean noVolume = c == 7;
            long aStart = start + random.nextInt(3000);
            long bStart = start + random.nextInt(4000);
            String first = session(
                    a,
                    relay,
                    aStart,
                    start + duration + random.nextInt(3000) - aStart,
                    noVolume ? null : x,
                    noVolume ? null : y);
            String second = session(
                    b,
                    relay,
                    bStart,
                    start + duration + random.nextInt(3000) - bStart,
                    noVolume ? null : jitter(y),
                    noVolume ? null : jitter(x));
            calls.add(RecordIds.forLink(first, second));
            // a third subscriber at the same relay and moment, for half or twice as long: not part of the call
            int third = 100 + c % 20;
            session(third, relay, start + 2000, c % 2 == 0 ? duration / 2 : duration * 2, jitter(x), jitter(y));
            // the same moment at another relay, as long and as heavy: another conversation
            session(60 + c, RELAYS[(c + 1) % RELAYS.length], start + 1000, duration, jitter(y), jitter(x));
            // two subscribers in step with a web server: not a relay, no link
            session(80 + c % 20, WEB, start, duration, x, y);
            session(81 + c % 19, WEB, start + 1000, duration, jitter(y), jitter(x));
        }
        sessions.sort(java.util.Comparator.comparing(SessionRecord::timestamp).thenComparing(SessionRecord::id));
        Collections.shuffle(sessions, random);
    }

    /** The app ranges that label the relays (and the web server), valid all day. */
    public static List<ReferenceEntry> appRanges() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        return List.of(
                ReferenceEntry.app("157.240.16.0/24", "WhatsApp", "messaging", from, null, "apps.csv"),
                ReferenceEntry.app("91.108.56.0/22", "Telegram", "messaging", from, null, "apps.csv"),
                ReferenceEntry.app("142.250.0.0/15", "Google", "web", from, null, "apps.csv"));
    }

    static String msisdn(int k) {
        return String.format("91980000%04d", k);
    }

    private long volume() {
        return 1_000 + random.nextInt(3_000_000);
    }

    private Long jitter(long bytes) {
        return Math.round(bytes * (0.95 + random.nextDouble() * 0.1));
    }

    private String session(int k, String relay, long startMillis, long durationMillis, Long up, Long down) {
        String id = String.format("relay-%06d", sequence++);
        Instant t = Instant.ofEpochMilli(startMillis);
        sessions.add(new SessionRecord(
                t,
                new SessionRecord.Event(id, t, t.plusMillis(durationMillis), null, "generic-csv", null),
                new SessionRecord.Source("10.1." + k + ".1", 40000 + k, null, up),
                new SessionRecord.Destination(relay, 3478 + random.nextInt(20), down),
                new SessionRecord.Network("udp"),
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, msisdn(k), null, null, null, null),
                        null,
                        null,
                        k % 2 == 0 ? "jio" : "airtel",
                        "inbox",
                        "generic-csv@1",
                        new SessionRecord.Delivery("d" + (k % 2), (long) sequence),
                        null,
                        null,
                        null),
                null,
                new SessionRecord.FileRef(new SessionRecord.Hash(k % 2 == 0 ? "aa".repeat(32) : "bb".repeat(32)))));
        return id;
    }
}
