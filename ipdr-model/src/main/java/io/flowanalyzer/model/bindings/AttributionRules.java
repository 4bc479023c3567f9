package io.flowanalyzer.model.bindings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flowanalyzer.model.NatBinding;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that turn NAT/CGNAT and RADIUS evidence into an answer about who used an address, shared
 * by the portal's "who had this IP?" API and the streaming correlator, so both name the same people:
 * evidence is looked for within the open limit of the time; a binding holds the time when its interval
 * does within the ISP's clock skew; a public address and port lead through the translations and port
 * blocks that held them to private addresses, and those through RADIUS (or allocation) bindings to
 * subscribers; an address no translation held is looked up in RADIUS directly. One person is
 * attributed, several are ambiguous — never one picked silently — and none is unresolved.
 */
public final class AttributionRules {
    private AttributionRules() {}

    public static final String NAT = "nat";
    public static final String RADIUS = "radius";
    public static final String AMBIGUOUS = "ambiguous";
    public static final String UNRESOLVED = "unresolved";
    public static final String DIRECT = "direct";
    /** The streaming job's word for "nothing fits yet, still waiting for late evidence". */
    public static final String PENDING = "pending";

    /** Private addresses followed from one public address and time, at most (a CGNAT port is one subscriber). */
    public static final int MAX_PRIVATE_ADDRESSES = 50;

    /** A subscriber that fits, how (nat: translation then RADIUS; radius: the address itself), and the proof. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(
            String method,
            BindingEvent.Subscriber subscriber,
            String isp,
            String privateIp,
            Integer privatePort,
            Instant from,
            Instant to,
            boolean startKnown,
            boolean endKnown,
            List<String> evidence) {}

    public static boolean isTranslation(BindingEvent e) {
        return NatBinding.TRANSLATION.equals(e.kind()) || NatBinding.PORT_BLOCK.equals(e.kind());
    }

    /** RADIUS accounting and operators' allocation reports: an address given to a subscriber. */
    public static boolean isSubscriberBinding(BindingEvent e) {
        return NatBinding.RADIUS.equals(e.kind()) || NatBinding.ALLOCATION.equals(e.kind());
    }

    /**
     * The length of the IPv6 prefixes subscriber bindings are kept under: each IPv6 address is looked up
     * under its /56, so a /64 (mobile), /60 or /56 (home) prefix is one key and a /48 (business) 256.
     */
    public static final int IPV6_KEY_LENGTH = 56;

    /** Prefixes wider than this are not followed by the streaming job (a /40 would be 65,536 keys). */
    public static final int WIDEST_KEYED_PREFIX = 44;

    /** The key a lookup of {@code address} is kept under: an IPv4 address itself, an IPv6 address's /56. */
    public static String addressKey(String address) {
        io.flowanalyzer.model.IpAddresses.Bits bits = io.flowanalyzer.model.IpAddresses.bits(address);
        if (bits == null || !bits.v6()) {
            return address;
        }
        return v6Key(bits.hi());
    }

    private static String v6Key(long hi) {
        return "v6:" + Long.toHexString(hi >>> (64 - IPV6_KEY_LENGTH)) + "/" + IPV6_KEY_LENGTH;
    }

    /**
     * Every key a subscriber binding is kept under: its address's, and each /56 its IPv6 prefix covers
     * (none for a prefix wider than /44).
     */
    public static List<String> addressKeys(BindingEvent e) {
        Set<String> keys = new LinkedHashSet<>();
        if (e.privateIp() != null) {
            keys.add(addressKey(e.privateIp()));
        }
        io.flowanalyzer.model.reference.Cidr prefix = io.flowanalyzer.model.reference.Cidr.parse(e.ipv6Prefix());
        if (prefix != null && prefix.base().v6() && prefix.prefix() >= WIDEST_KEYED_PREFIX) {
            long first = prefix.base().hi() >>> (64 - IPV6_KEY_LENGTH);
            long count = prefix.prefix() >= IPV6_KEY_LENGTH ? 1 : 1L << (IPV6_KEY_LENGTH - prefix.prefix());
            for (long i = 0; i < count; i++) {
                keys.add(v6Key((first + i) << (64 - IPV6_KEY_LENGTH)));
            }
        }
        return List.copyOf(keys);
    }

    /** Whether a subscriber binding held {@code address}: it is the binding's address, or inside its IPv6 prefix. */
    public static boolean holdsAddress(BindingEvent e, String address) {
        if (address == null) {
            return false;
        }
        if (address.equals(e.privateIp())) {
            return true;
        }
        if (e.ipv6Prefix() == null) {
            return false; // most bindings: nothing to parse
        }
        io.flowanalyzer.model.reference.Cidr prefix = io.flowanalyzer.model.reference.Cidr.parse(e.ipv6Prefix());
        io.flowanalyzer.model.IpAddresses.Bits bits = io.flowanalyzer.model.IpAddresses.bits(address);
        return prefix != null && bits != null && prefix.contains(bits);
    }

    /** A translation of this public port, or a port block containing it; any of the address's when the port is unknown. */
    public static boolean holdsPort(BindingEvent e, Integer port) {
        if (port == null) {
            return true;
        }
        if (e.publicPort() != null) {
            return e.publicPort().equals(port);
        }
        return e.portStart() != null && e.portEnd() != null && e.portStart() <= port && port <= e.portEnd();
    }

    /** Whether evidence at {@code at} is near enough to {@code time} to be looked at. */
    public static boolean near(Instant at, Instant time, AttributionPolicy policy) {
        return at != null && !at.isBefore(time.minus(policy.openLimit())) && !at.isAfter(time.plus(policy.openLimit()));
    }

    /**
     * The bindings the events form (those near the time only) that held the time, within the ISP's skew,
     * in time order.
     */
    public static List<BindingIntervals.Interval> covering(
            List<BindingEvent> events, Instant time, AttributionPolicy policy) {
        List<BindingEvent> near = new ArrayList<>();
        for (BindingEvent e : events) {
            if (near(e.at(), time, policy)) {
                near.add(e);
            }
        }
        // in time order, then by record id: the same evidence gives the same answer in whatever order it came
        return BindingIntervals.of(near, policy.openLimit()).stream()
                .filter(i -> i.covers(time, policy.skewFor(i.first().isp())))
                .sorted(java.util.Comparator.comparing(BindingIntervals.Interval::start)
                        .thenComparing(i -> i.first().id()))
                .toList();
    }

    /** The subscriber bindings among the events that held the time and name someone. */
    public static List<BindingIntervals.Interval> subscribersAt(
            List<BindingEvent> events, Instant time, AttributionPolicy policy) {
        return covering(events, time, policy).stream()
                .filter(i -> i.subscriber().any())
                .toList();
    }

    public static Candidate candidate(
            String method, BindingIntervals.Interval r, Integer privatePort, List<String> evidence) {
        BindingEvent e = r.first();
        return new Candidate(
                method,
                r.subscriber(),
                e.isp(),
                e.privateIp(),
                privatePort,
                r.start(),
                r.end(),
                r.startKnown(),
                r.endKnown(),
                List.copyOf(evidence));
    }

    /** The translation's evidence followed by the binding's. */
    public static List<String> evidence(List<String> translation, List<String> binding) {
        List<String> all = new ArrayList<>(translation);
        all.addAll(binding);
        return all;
    }

    /** How many different people the subscribers are: two records sharing any identifier are one person. */
    public static int people(List<BindingEvent.Subscriber> subscribers) {
        int n = subscribers.size();
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (subscribers.get(i).sameAs(subscribers.get(j)) && group[i] != group[j]) {
                    int from = group[j];
                    int to = group[i];
                    for (int k = 0; k < n; k++) {
                        if (group[k] == from) {
                            group[k] = to;
                        }
                    }
                }
            }
        }
        return (int) Arrays.stream(group).distinct().count();
    }

    /** attributed, ambiguous or unresolved, by how many people the candidates are. */
    public static String status(List<Candidate> candidates) {
        int people = people(candidates.stream().map(Candidate::subscriber).toList());
        return people == 1 ? "attributed" : people > 1 ? AMBIGUOUS : UNRESOLVED;
    }

    /** Everything the candidates name, for a search by any of a candidate's identifiers. */
    public static List<String> identifiers(List<Candidate> candidates) {
        Set<String> ids = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            BindingEvent.Subscriber s = c.subscriber();
            for (String v : new String[] {s.subscriberId(), s.msisdn(), s.imsi(), s.imei(), s.deviceId()}) {
                if (v != null) {
                    ids.add(v);
                }
            }
        }
        return List.copyOf(ids);
    }

    /** The one person the candidates are, with every identifier any of their records gives. */
    public static BindingEvent.Subscriber merged(List<Candidate> candidates) {
        BindingEvent.Subscriber s = new BindingEvent.Subscriber(null, null, null, null, null);
        for (Candidate c : candidates) {
            s = s.fill(c.subscriber());
        }
        return s;
    }

    /**
     * Whether an address is private, shared (CGNAT 100.64/10), loopback or link-local: such an address
     * means something only within one ISP's network, so its bindings are looked up in that ISP's
     * evidence alone. A public address is one subscriber's wherever the evidence comes from.
     */
    public static boolean isInternal(String address) {
        java.util.Optional<String> literal = io.flowanalyzer.model.IpAddresses.normalise(address);
        if (literal.isEmpty()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(literal.get()); // a literal: no DNS
            byte[] b = a.getAddress();
            if (b.length == 4) {
                int first = b[0] & 0xff;
                int second = b[1] & 0xff;
                if (first == 100 && second >= 64 && second <= 127) {
                    return true;
                }
            } else if ((b[0] & 0xfe) == 0xfc) { // IPv6 unique local fc00::/7
                return true;
            }
            return a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
