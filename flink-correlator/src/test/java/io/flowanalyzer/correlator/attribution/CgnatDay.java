package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * One day of an ISP behind CGNAT, with the answer to every session known in advance. Twelve private
 * addresses each hold a port block on one of three public addresses all day; RADIUS gives each private
 * address to one subscriber in the morning and another in the afternoon — with a two-second handover on
 * odd addresses (sessions at the handover are ambiguous) and a twenty-minute gap on even ones (sessions
 * in the gap are unresolved, with the translation that led nowhere). One block is handed to another
 * private address at 18:00:30. Per-connection translations on a fourth public address, four public
 * framed IPs without NAT, sessions without a port on a CGNAT address (every holder is a candidate), and
 * the blocks of one public address delivered after its sessions (late evidence). Sessions come from
 * another organisation's server logs (a B-side log: public address and port only) with their clocks up
 * to three seconds off. And IPv6 without NAT: a home /60 and a phone's /64 inside one /56, a business
 * /48, and addresses of that /56 that no prefix covers (unresolved).
 */
public final class CgnatDay {
    public static final String ISP = "acme";
    public static final String LOGS_FROM = "contentco";
    static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    static final int PRIVATES = 12;

    /** What the job must conclude about a session. */
    public record Expected(String method, Set<String> msisdns, String evidence) {}

    public final List<NatBinding> bindings = new ArrayList<>();
    public final List<NatBinding> lateBindings = new ArrayList<>();
    public final List<SessionRecord> sessions = new ArrayList<>();
    public final Map<String, Expected> expected = new LinkedHashMap<>();

    private final Random random;
    private int sequence;

    public CgnatDay(long seed, int sessionsPerKind) {
        random = new Random(seed);
        for (int k = 1; k <= PRIVATES; k++) {
            radius(k);
            NatBinding[] block = block(
                    "blk-" + k,
                    privateIp(k),
                    publicOf(k),
                    blockStart(k),
                    "00:00:00",
                    k == 12 ? "18:00:00" : "23:59:59");
            (publicOf(k).equals("203.0.113.2") ? lateBindings : bindings).addAll(List.of(block));
        }
        // the block of .12 goes to .9 after a half-minute's rest
        bindings.addAll(
                List.of(block("blk-12to9", privateIp(9), publicOf(12), blockStart(12), "18:00:30", "23:59:59")));
        for (int n = 1; n <= 4; n++) {
            String ip = "198.51.100." + n;
            bindings.add(radiusEvent(
                    "rad-pub" + n + "-start", NatBinding.START, "06:00:00", ip, framedMsisdn(n), "pub" + n));
            bindings.add(
                    radiusEvent("rad-pub" + n + "-stop", NatBinding.END, "20:00:00", ip, framedMsisdn(n), "pub" + n));
        }
        bindings.add(prefixEvent("rad-v6home-start", NatBinding.START, "06:00:00", V6_HOME_PREFIX, V6_HOME, "v6home"));
        bindings.add(prefixEvent("rad-v6home-stop", NatBinding.END, "20:00:00", V6_HOME_PREFIX, V6_HOME, "v6home"));
        bindings.add(
                prefixEvent("rad-v6phone-start", NatBinding.START, "06:00:00", V6_PHONE_PREFIX, V6_PHONE, "v6phone"));
        bindings.add(
                prefixEvent("rad-v6biz-start", NatBinding.START, "00:00:00", V6_BUSINESS_PREFIX, V6_BUSINESS, "v6biz"));
        for (int i = 0; i < sessionsPerKind; i++) {
            throughIpv6Prefixes();
            throughBlock();
            atHandover();
            inGap();
            throughTranslation(i);
            throughFramedIp();
            beforeFramedIp();
            withoutPort();
            afterBlockMoved();
        }
        Collections.shuffle(sessions, random);
    }

    static final String V6_HOME_PREFIX = "2409:4042:ab12:3400::/60";
    static final String V6_PHONE_PREFIX = "2409:4042:ab12:3410::/64";
    static final String V6_BUSINESS_PREFIX = "2001:db8:aa00::/48";
    static final String V6_HOME = "919800000071";
    static final String V6_PHONE = "919800000072";
    static final String V6_BUSINESS = "919800000073";

    /** IPv6 sessions: each prefix's holder, and an address of the same /56 that no prefix covers. */
    private void throughIpv6Prefixes() {
        ipv6(
                "2409:4042:ab12:340" + hex(16) + "::" + Integer.toHexString(1 + random.nextInt(0xfffe)),
                "06:05:00",
                "19:55:00",
                V6_HOME,
                "rad-v6home-start");
        ipv6("2409:4042:ab12:3410:" + hex(0x10000) + "::5", "06:05:00", "23:50:00", V6_PHONE, "rad-v6phone-start");
        ipv6("2001:db8:aa00:" + hex(0x10000) + "::7", "00:10:00", "23:50:00", V6_BUSINESS, "rad-v6biz-start");
        ipv6(
                "2409:4042:ab12:34" + Integer.toHexString(0x20 + random.nextInt(0xd0)) + "::9",
                "06:05:00",
                "19:55:00",
                null,
                null);
    }

    /** A session from an IPv6 address between two times: the holder's, with its evidence, or (null) nobody's. */
    private void ipv6(String address, String from, String to, String holder, String evidence) {
        session(
                address,
                1024 + random.nextInt(60000),
                between(from, to),
                jitter(),
                holder == null
                        ? new Expected(AttributionRulesNames.UNRESOLVED, Set.of(), null)
                        : new Expected(AttributionRulesNames.RADIUS, Set.of(holder), evidence));
    }

    private String hex(int bound) {
        return Integer.toHexString(random.nextInt(bound));
    }

    static String privateIp(int k) {
        return "100.64.0." + k;
    }

    static String publicOf(int k) {
        return "203.0.113." + (1 + (k - 1) % 3);
    }

    static int blockStart(int k) {
        return 1024 + 512 * ((k - 1) / 3);
    }

    static String morningMsisdn(int k) {
        return String.format("9198000000%02d", k);
    }

    static String afternoonMsisdn(int k) {
        return String.format("9198000000%02d", k + PRIVATES);
    }

    static String framedMsisdn(int n) {
        return String.format("91980000009%d", n);
    }

    /** Who RADIUS says had private address k at time t (seconds into the day), away from handovers. */
    static String holder(int k, long t) {
        return t < 12 * 3600 ? morningMsisdn(k) : afternoonMsisdn(k);
    }

    private void radius(int k) {
        String morningEnd = k % 2 == 1 ? "11:59:58" : "11:50:00";
        String afternoonStart = k % 2 == 1 ? "12:00:00" : "12:10:00";
        bindings.add(radiusEvent(
                "rad-" + k + "-am-start", NatBinding.START, "00:00:00", privateIp(k), morningMsisdn(k), k + "am"));
        bindings.add(radiusEvent(
                "rad-" + k + "-am-stop", NatBinding.END, morningEnd, privateIp(k), morningMsisdn(k), k + "am"));
        bindings.add(radiusEvent(
                "rad-" + k + "-pm-start",
                NatBinding.START,
                afternoonStart,
                privateIp(k),
                afternoonMsisdn(k),
                k + "pm"));
    }

    /** Sessions through a port block, away from the handovers. */
    private void throughBlock() {
        int k = 1 + random.nextInt(PRIVATES);
        long t = random.nextBoolean() ? between("00:10:00", "11:40:00") : between("12:20:00", "17:50:00");
        int port = blockStart(k) + random.nextInt(512);
        session(
                publicOf(k),
                port,
                t,
                jitter(),
                new Expected(
                        AttributionRulesNames.NAT,
                        Set.of(holder(k, t)),
                        "rad-" + k + (t < 43200 ? "-am-start" : "-pm-start")));
    }

    /** Sessions in the two seconds of an odd address's handover, within the clock skew of both subscribers. */
    private void atHandover() {
        int k = 1 + 2 * random.nextInt(PRIVATES / 2);
        long t = between("11:59:56", "12:00:02");
        session(
                publicOf(k),
                blockStart(k) + random.nextInt(512),
                t,
                0,
                new Expected(
                        AttributionRulesNames.AMBIGUOUS,
                        Set.of(morningMsisdn(k), afternoonMsisdn(k)),
                        "blk-" + k + "-start"));
    }

    /** Sessions in an even address's twenty-minute gap: the block leads to an address nobody had. */
    private void inGap() {
        int k = 2 + 2 * random.nextInt(PRIVATES / 2);
        long t = between("11:51:00", "12:09:00");
        session(
                publicOf(k),
                blockStart(k) + random.nextInt(512),
                t,
                0,
                new Expected(AttributionRulesNames.UNRESOLVED, Set.of(), "blk-" + k + "-start"));
    }

    /** Per-connection translations on 203.0.113.9, as a firewall logs them. */
    private void throughTranslation(int i) {
        int k = 1 + i % PRIVATES;
        long t = random.nextBoolean() ? between("01:00:00", "11:00:00") : between("13:00:00", "23:00:00");
        int publicPort = 40000 + (sequence % 20000);
        String id = "xlate-" + sequence;
        bindings.add(translation(id + "-build", NatBinding.START, t - 1, privateIp(k), 50000 + i, publicPort));
        bindings.add(translation(id + "-teardown", NatBinding.END, t + 60, privateIp(k), 50000 + i, publicPort));
        session(
                "203.0.113.9",
                publicPort,
                t,
                jitter(),
                new Expected(AttributionRulesNames.NAT, Set.of(holder(k, t)), id + "-build"));
    }

    private void throughFramedIp() {
        int n = 1 + random.nextInt(4);
        long t = between("06:05:00", "19:55:00");
        session(
                "198.51.100." + n,
                1024 + random.nextInt(60000),
                t,
                jitter(),
                new Expected(AttributionRulesNames.RADIUS, Set.of(framedMsisdn(n)), "rad-pub" + n + "-start"));
    }

    private void beforeFramedIp() {
        int n = 1 + random.nextInt(4);
        long t = between("02:00:00", "05:50:00");
        session(
                "198.51.100." + n,
                1024 + random.nextInt(60000),
                t,
                jitter(),
                new Expected(AttributionRulesNames.UNRESOLVED, Set.of(), null));
    }

    /** Without a port, a CGNAT address at a time is every holder of a block on it. */
    private void withoutPort() {
        long t = between("00:10:00", "11:40:00");
        Set<String> holders = new TreeSet<>();
        for (int k = 1; k <= PRIVATES; k++) {
            if (publicOf(k).equals("203.0.113.1")) {
                holders.add(holder(k, t));
            }
        }
        session(
                "203.0.113.1",
                null,
                t,
                jitter(),
                new Expected(AttributionRulesNames.AMBIGUOUS, holders, "blk-1-start"));
    }

    /** After 18:00:30 the block of address 12 leads to address 9 and its afternoon subscriber. */
    private void afterBlockMoved() {
        long t = between("18:05:00", "23:50:00");
        session(
                publicOf(12),
                blockStart(12) + random.nextInt(512),
                t,
                jitter(),
                new Expected(AttributionRulesNames.NAT, Set.of(afternoonMsisdn(9)), "blk-12to9-start"));
    }

    private long between(String from, String to) {
        long a = seconds(from);
        long b = seconds(to);
        return a + (long) (random.nextDouble() * (b - a));
    }

    /** The log's clock, up to three seconds off (within the five-second tolerance). */
    private long jitter() {
        return random.nextInt(7) - 3;
    }

    static long seconds(String hhmmss) {
        String[] p = hhmmss.split(":");
        return Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2]);
    }

    /** The server log the sessions were read from (its custody travels to their alerts). */
    static final String SERVER_LOG_DELIVERY = "5e7f0c11aa0b4c2d9e8f7a6b5c4d3e2f";

    static final String SERVER_LOG_SHA256 = "9c".repeat(32);

    static Instant at(long seconds) {
        return DAY.plusSeconds(seconds);
    }

    private void session(String ip, Integer port, long trueTime, long clockError, Expected expectation) {
        String id = String.format("s-%05d", sequence++);
        Instant t = at(trueTime + clockError);
        sessions.add(new SessionRecord(
                t,
                new SessionRecord.Event(id, t, t.plus(Duration.ofSeconds(30)), null, "server-log", "raw " + id),
                new SessionRecord.Source(ip, port, null, 1200L),
                new SessionRecord.Destination("192.0.2.80", 443, 5400L),
                new SessionRecord.Network("tcp"),
                new SessionRecord.Ipdr(
                        null,
                        null,
                        null,
                        LOGS_FROM,
                        "inbox",
                        "server-log@1",
                        new SessionRecord.Delivery(SERVER_LOG_DELIVERY, (long) sequence),
                        null,
                        null,
                        null),
                null,
                new SessionRecord.FileRef(new SessionRecord.Hash(SERVER_LOG_SHA256))));
        expected.put(id, expectation);
    }

    private NatBinding[] block(String id, String privateIp, String publicIp, int start, String from, String to) {
        return new NatBinding[] {
            binding(
                    id + "-start",
                    NatBinding.START,
                    at(seconds(from)),
                    privateIp,
                    null,
                    publicIp,
                    null,
                    new NatBinding.Binding(NatBinding.PORT_BLOCK, start, start + 511, null, null, null),
                    null),
            binding(
                    id + "-end",
                    NatBinding.END,
                    at(seconds(to)),
                    privateIp,
                    null,
                    publicIp,
                    null,
                    new NatBinding.Binding(NatBinding.PORT_BLOCK, start, start + 511, null, null, null),
                    null)
        };
    }

    private static NatBinding translation(
            String id, String action, long t, String privateIp, int privatePort, int publicPort) {
        return binding(
                id,
                action,
                at(t),
                privateIp,
                privatePort,
                "203.0.113.9",
                publicPort,
                new NatBinding.Binding(NatBinding.TRANSLATION, null, null, null, null, null),
                null);
    }

    private static NatBinding radiusEvent(
            String id, String action, String time, String ip, String msisdn, String session) {
        return radiusEvent(id, action, time, ip, null, msisdn, session);
    }

    private static NatBinding radiusEvent(
            String id, String action, String time, String ip, String prefix, String msisdn, String session) {
        return binding(
                id,
                action,
                at(seconds(time)),
                ip,
                null,
                null,
                null,
                new NatBinding.Binding(NatBinding.RADIUS, null, null, "acct-" + session, null, prefix),
                new SessionRecord.AParty(null, msisdn, null, null, null, null));
    }

    /** A RADIUS event for an IPv6 prefix alone (no IPv4 address). */
    private static NatBinding prefixEvent(
            String id, String action, String time, String prefix, String msisdn, String session) {
        return radiusEvent(id, action, time, null, prefix, msisdn, session);
    }

    private static NatBinding binding(
            String id,
            String action,
            Instant t,
            String privateIp,
            Integer privatePort,
            String publicIp,
            Integer publicPort,
            NatBinding.Binding binding,
            SessionRecord.AParty party) {
        return new NatBinding(
                t,
                new NatBinding.Event(id, action, null, null, null, null, "test", "raw " + id),
                new SessionRecord.Source(
                        privateIp,
                        privatePort,
                        publicIp == null ? null : new SessionRecord.Nat(publicIp, publicPort),
                        null),
                null,
                null,
                new NatBinding.Ipdr(party, ISP, "inbox", "test@1", null, binding),
                null,
                null);
    }

    /** The methods, named here so the expectations read as the documents do. */
    static final class AttributionRulesNames {
        static final String NAT = "nat";
        static final String RADIUS = "radius";
        static final String AMBIGUOUS = "ambiguous";
        static final String UNRESOLVED = "unresolved";
    }
}
