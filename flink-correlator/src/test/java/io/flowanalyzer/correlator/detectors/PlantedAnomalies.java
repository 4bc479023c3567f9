package io.flowanalyzer.correlator.detectors;

import io.flowanalyzer.model.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Three days of ordinary mobile traffic for 40 subscribers in and around Mumbai (daytime hours, a few
 * MB a session, a handful of favourite B-parties, cells within 20 km of home), with anomalies of each
 * kind planted in five subscribers each. {@link #truth} says which sessions an anomaly flag may rightly
 * name: the planted one (for travel, also the subscriber's next located session, which makes the
 * impossible trip back).
 */
public final class PlantedAnomalies {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final int SUBSCRIBERS = 40;
    static final int SESSIONS_EACH = 150;
    static final double[] MUMBAI = {19.0760, 72.8777};
    static final double[] DELHI = {28.6139, 77.2090};

    public final List<SessionRecord> sessions = new ArrayList<>();
    /** Flag name → ids of the sessions it may rightly be raised on. */
    public final Map<String, Set<String>> truth = new HashMap<>();
    /** Flag name → how many plants there are (a plant is found when any of its sessions is flagged). */
    public final Map<String, List<Set<String>>> plants = new HashMap<>();

    private final Random random;
    private int sequence;

    public PlantedAnomalies(long seed) {
        random = new Random(seed);
        for (int k = 0; k < SUBSCRIBERS; k++) {
            ordinaryDays(k);
        }
        sessions.sort(java.util.Comparator.comparing(SessionRecord::timestamp).thenComparing(SessionRecord::id));
        for (int k = 0; k < 5; k++) {
            plantVolume(k);
            plantNightOwl(5 + k);
            plantFanOut(10 + k);
            plantTravel(15 + k);
            plantBeacon(20 + k);
            plantHandsetSwap(25 + k);
            plantSimSwap(30 + k);
        }
        Collections.shuffle(sessions, random);
    }

    static String msisdn(int k) {
        return String.format("9197000000%02d", k);
    }

    private void ordinaryDays(int k) {
        double homeLat = MUMBAI[0] + (random.nextDouble() - 0.5) * 0.2;
        double homeLon = MUMBAI[1] + (random.nextDouble() - 0.5) * 0.2;
        for (int n = 0; n < SESSIONS_EACH; n++) {
            LocalDate day = DAY.plusDays(n % 3);
            int hour = 9 + random.nextInt(13); // 09:00–21:59 IST
            Instant t = day.atTime(hour, random.nextInt(60), random.nextInt(60))
                    .atZone(IST)
                    .toInstant();
            long bytes = (long) Math.exp(Math.log(2_000_000) + random.nextGaussian() * 0.8);
            String destination = "157.240." + random.nextInt(20) + ".1";
            double lat = homeLat + (random.nextDouble() - 0.5) * 0.1;
            double lon = homeLon + (random.nextDouble() - 0.5) * 0.1;
            add(k, t, bytes, destination, lat, lon, "s");
        }
    }

    /** One session of 2 GB on the last day, in the subscriber's usual hours and place. */
    private void plantVolume(int k) {
        Instant t = DAY.plusDays(2).atTime(15, 30).atZone(IST).toInstant();
        String id = add(k, t, 2_000_000_000L, "157.240.3.1", MUMBAI[0], MUMBAI[1], "planted-volume");
        plant(Detectors.VOLUME, Set.of(id));
    }

    /** A session at 03:10 IST on the last night. */
    private void plantNightOwl(int k) {
        Instant t = DAY.plusDays(2).atTime(3, 10).atZone(IST).toInstant();
        String id = add(k, t, 1_500_000, "157.240.3.1", MUMBAI[0], MUMBAI[1], "planted-hour");
        plant(Detectors.UNUSUAL_HOUR, Set.of(id));
    }

    /** 80 distinct B-parties within half an hour on the last afternoon. */
    private void plantFanOut(int k) {
        Set<String> ids = new HashSet<>();
        Instant start = DAY.plusDays(2).atTime(16, 0).atZone(IST).toInstant();
        for (int i = 0; i < 80; i++) {
            ids.add(add(
                    k,
                    start.plusSeconds(20L * i),
                    40_000,
                    "203.0.113." + (i + 1),
                    MUMBAI[0],
                    MUMBAI[1],
                    "planted-fanout"));
        }
        // the subscriber's own sessions during the burst may be where the count crosses the threshold
        Instant end = start.plusSeconds(20L * 80);
        sessions.stream()
                .filter(s -> s.ipdr().aParty().msisdn().equals(msisdn(k))
                        && !s.timestamp().isBefore(start)
                        && !s.timestamp().isAfter(end))
                .forEach(s -> ids.add(s.id()));
        plant(Detectors.FAN_OUT, ids);
    }

    /** A session in Delhi minutes after one in Mumbai. */
    private void plantTravel(int k) {
        Instant mumbai = DAY.plusDays(2).atTime(12, 0).atZone(IST).toInstant();
        add(k, mumbai, 1_000_000, "157.240.3.1", MUMBAI[0], MUMBAI[1], "planted-travel-from");
        String delhi = add(
                k, mumbai.plus(Duration.ofMinutes(12)), 1_000_000, "157.240.3.1", DELHI[0], DELHI[1], "planted-travel");
        // the next located session (back near home) is as impossible a trip
        Instant after = mumbai.plus(Duration.ofMinutes(12));
        String next = sessions.stream()
                .filter(s -> s.ipdr().aParty().msisdn().equals(msisdn(k))
                        && s.timestamp().isAfter(after))
                .min(java.util.Comparator.comparing(SessionRecord::timestamp))
                .map(SessionRecord::id)
                .orElseThrow();
        plant(Detectors.IMPOSSIBLE_TRAVEL, Set.of(delhi, next));
    }

    /** A session in a line: id, local time, volume, B-party, cell. */
    String describe(String id) {
        return sessions.stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .map(s -> id + " at " + s.timestamp().atZone(IST).toLocalDateTime() + " IST, "
                        + Detectors.size(Detectors.bytes(s)) + " to "
                        + s.destination().ip() + " in cell "
                        + s.ipdr().cell().id())
                .orElse(id);
    }

    /** Twelve connections to one server every five minutes (± five seconds) on the last afternoon. */
    private void plantBeacon(int k) {
        Set<String> ids = new HashSet<>();
        Instant start = DAY.plusDays(2).atTime(14, 0).atZone(IST).toInstant();
        for (int i = 0; i < 12; i++) {
            Instant t = start.plusSeconds(300L * i + random.nextInt(11) - 5);
            ids.add(add(k, t, 3_000, "198.51.100.77", MUMBAI[0], MUMBAI[1], "planted-beacon", 8443, imei(k)));
        }
        plant(Detectors.BEACONING, ids);
    }

    /** The subscriber's SIM in another handset for one session on the last day. */
    private void plantHandsetSwap(int k) {
        Instant t = DAY.plusDays(2).atTime(13, 5).atZone(IST).toInstant();
        String id =
                add(k, t, 1_000_000, "157.240.3.1", MUMBAI[0], MUMBAI[1], "planted-handset", 443, "356938035643809");
        plant(Detectors.HANDSET_SWAP, Set.of(id));
    }

    /** Another SIM (a number never seen before) in the subscriber's handset on the last evening. */
    private void plantSimSwap(int k) {
        Instant t = DAY.plusDays(2).atTime(20, 40).atZone(IST).toInstant();
        String id = add(90 + k, t, 800_000, "157.240.3.1", MUMBAI[0], MUMBAI[1], "planted-sim", 443, imei(k));
        plant(Detectors.SIM_SWAP, Set.of(id));
    }

    static String imei(int k) {
        return String.format("3500000000000%02d", k);
    }

    private void plant(String flag, Set<String> ids) {
        truth.computeIfAbsent(flag, f -> new HashSet<>()).addAll(ids);
        plants.computeIfAbsent(flag, f -> new ArrayList<>()).add(ids);
    }

    private String add(int k, Instant t, long bytes, String destination, double lat, double lon, String kind) {
        return add(k, t, bytes, destination, lat, lon, kind, 443, imei(k));
    }

    private String add(
            int k,
            Instant t,
            long bytes,
            String destination,
            double lat,
            double lon,
            String kind,
            int port,
            String imei) {
        String id = String.format("%s-%02d-%05d", kind, k, sequence++);
        sessions.add(new SessionRecord(
                t,
                new SessionRecord.Event(id, t, t.plusSeconds(60), null, "generic-csv", null),
                new SessionRecord.Source("10.0." + k + ".1", 40000, null, bytes / 10),
                new SessionRecord.Destination(destination, port, bytes - bytes / 10),
                new SessionRecord.Network("tcp"),
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, msisdn(k), null, imei, null, null),
                        new SessionRecord.Cell(
                                String.format("40445-%d-%d", (int) (lat * 100), (int) (lon * 100)),
                                new SessionRecord.GeoPoint(lat, lon),
                                null),
                        null,
                        "acme",
                        "inbox",
                        "generic-csv@1",
                        null,
                        null,
                        null,
                        null),
                null,
                null));
        return id;
    }
}
