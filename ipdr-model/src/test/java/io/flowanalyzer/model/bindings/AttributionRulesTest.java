package io.flowanalyzer.model.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the API and the streaming job share: which evidence counts, and how many people it names. */
class AttributionRulesTest {
    private static final AttributionPolicy POLICY = new AttributionPolicy(
            Duration.ofSeconds(5), Map.of("slowclock", Duration.ofMinutes(2)), Duration.ofHours(24));

    private static Instant t(String hhmmss) {
        return Instant.parse("2026-11-24T" + hhmmss + "Z");
    }

    static BindingEvent radius(String id, String isp, String action, String at, String ip, String msisdn) {
        return new BindingEvent(
                id,
                isp,
                "radius",
                action,
                t(at),
                null,
                null,
                ip,
                null,
                null,
                null,
                null,
                null,
                "acct-" + msisdn,
                new BindingEvent.Subscriber(null, msisdn, null, null, null),
                null);
    }

    static BindingEvent prefixed(String ip, String prefix) {
        BindingEvent e = radius("p", "acme", "start", "10:00:00", ip, "919800000001");
        return new BindingEvent(
                e.id(),
                e.isp(),
                e.kind(),
                e.action(),
                e.at(),
                e.start(),
                e.end(),
                e.privateIp(),
                null,
                null,
                null,
                null,
                null,
                e.sessionId(),
                e.subscriber(),
                prefix);
    }

    @Test
    void ipv6AddressesAreKeptUnderTheirSlash56AndAPrefixUnderEverySlash56ItCovers() {
        assertThat(AttributionRules.addressKey("100.64.12.7")).isEqualTo("100.64.12.7");
        assertThat(AttributionRules.addressKey("2409:4042:ab12:3407::1a2b")).isEqualTo("v6:24094042ab1234/56");
        // a dual-stack binding: its IPv4 address and its delegated /56
        assertThat(AttributionRules.addressKeys(prefixed("100.64.12.7", "2409:4042:ab12:3400::/56")))
                .containsExactly("100.64.12.7", "v6:24094042ab1234/56");
        // a /64 and a /60 are kept under the /56 that holds them
        assertThat(AttributionRules.addressKeys(prefixed(null, "2409:4042:ab12:3410::/64")))
                .containsExactly("v6:24094042ab1234/56");
        assertThat(AttributionRules.addressKeys(prefixed(null, "2409:4042:ab12:3400::/60")))
                .containsExactly("v6:24094042ab1234/56");
        // a /48 is 256 keys, from :00 to :ff
        List<String> business = AttributionRules.addressKeys(prefixed(null, "2001:db8:aa00::/48"));
        assertThat(business).hasSize(256);
        assertThat(business.get(0)).isEqualTo("v6:20010db8aa0000/56");
        assertThat(business.get(255)).isEqualTo("v6:20010db8aa00ff/56");
        assertThat(business).contains(AttributionRules.addressKey("2001:db8:aa00:ff10::7"));
        // wider than /44: not followed, rather than tens of thousands of keys
        assertThat(AttributionRules.addressKeys(prefixed(null, "2001:db8::/32")))
                .isEmpty();
        assertThat(AttributionRules.addressKeys(prefixed(null, "not a prefix"))).isEmpty();
    }

    @Test
    void aBindingHoldsItsAddressAndEveryAddressInsideItsPrefix() {
        BindingEvent home = prefixed("100.64.12.7", "2409:4042:ab12:3400::/60");
        assertThat(AttributionRules.holdsAddress(home, "100.64.12.7")).isTrue();
        assertThat(AttributionRules.holdsAddress(home, "100.64.12.8")).isFalse();
        assertThat(AttributionRules.holdsAddress(home, "2409:4042:ab12:3407::1a2b"))
                .isTrue();
        assertThat(AttributionRules.holdsAddress(home, "2409:4042:ab12:340f:ffff:ffff:ffff:ffff"))
                .isTrue();
        // the same /56, outside the /60
        assertThat(AttributionRules.holdsAddress(home, "2409:4042:ab12:3410::1"))
                .isFalse();
        assertThat(AttributionRules.holdsAddress(home, null)).isFalse();
        assertThat(AttributionRules.holdsAddress(prefixed(null, null), "2409:4042:ab12:3407::1"))
                .isFalse();
    }

    @Test
    void recordsSharingAnyIdentifierAreOnePerson() {
        BindingEvent.Subscriber a = new BindingEvent.Subscriber(null, "919876543210", null, null, null);
        BindingEvent.Subscriber sameA = new BindingEvent.Subscriber("u1@isp", "919876543210", null, null, null);
        BindingEvent.Subscriber b = new BindingEvent.Subscriber("u2@isp", "919800000000", null, null, null);
        BindingEvent.Subscriber bByUser = new BindingEvent.Subscriber("u2@isp", null, "404450000000001", null, null);
        assertThat(AttributionRules.people(List.of(a, sameA))).isEqualTo(1);
        assertThat(AttributionRules.people(List.of(a, b, sameA))).isEqualTo(2);
        assertThat(AttributionRules.people(List.of(a, b, sameA, bByUser))).isEqualTo(2);
        assertThat(AttributionRules.people(List.of())).isZero();
    }

    @Test
    void aPortIsHeldByItsTranslationOrTheBlockContainingIt() {
        BindingEvent translation = new BindingEvent(
                "t",
                "acme",
                "translation",
                "start",
                t("10:00:00"),
                null,
                null,
                "100.64.0.9",
                5000,
                "203.0.113.7",
                40001,
                null,
                null,
                null,
                null,
                null);
        BindingEvent block = new BindingEvent(
                "b",
                "acme",
                "port_block",
                "start",
                t("10:00:00"),
                null,
                null,
                "100.64.0.9",
                null,
                "203.0.113.7",
                null,
                40000,
                40127,
                null,
                null,
                null);
        assertThat(AttributionRules.holdsPort(translation, 40001)).isTrue();
        assertThat(AttributionRules.holdsPort(translation, 40002)).isFalse();
        assertThat(AttributionRules.holdsPort(block, 40000)).isTrue();
        assertThat(AttributionRules.holdsPort(block, 40127)).isTrue();
        assertThat(AttributionRules.holdsPort(block, 40128)).isFalse();
        assertThat(AttributionRules.holdsPort(block, null)).isTrue();
    }

    @Test
    void aBindingHoldsTheTimeWithinItsIspsClockSkewOnly() {
        List<BindingEvent> acme = List.of(
                radius("s", "acme", "start", "10:00:00", "100.64.0.9", "919800000001"),
                radius("e", "acme", "end", "11:00:00", "100.64.0.9", "919800000001"));
        assertThat(AttributionRules.subscribersAt(acme, t("11:00:05"), POLICY)).hasSize(1);
        assertThat(AttributionRules.subscribersAt(acme, t("11:00:06"), POLICY)).isEmpty();
        assertThat(AttributionRules.subscribersAt(acme, t("09:59:55"), POLICY)).hasSize(1);

        List<BindingEvent> slow = List.of(
                radius("s", "slowclock", "start", "10:00:00", "100.64.0.9", "919800000001"),
                radius("e", "slowclock", "end", "11:00:00", "100.64.0.9", "919800000001"));
        assertThat(AttributionRules.subscribersAt(slow, t("11:02:00"), POLICY)).hasSize(1);
        assertThat(AttributionRules.subscribersAt(slow, t("11:02:01"), POLICY)).isEmpty();
    }

    @Test
    void evidenceFartherThanTheOpenLimitIsNotLookedAt() {
        // a Start a day and a half before and its Stop: the API only sees the Stop, and so must everyone
        List<BindingEvent> events = List.of(
                radius("s", "acme", "start", "00:00:00", "100.64.0.9", "919800000001"),
                new BindingEvent(
                        "e",
                        "acme",
                        "radius",
                        "end",
                        Instant.parse("2026-11-25T12:00:00Z"),
                        null,
                        null,
                        "100.64.0.9",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "acct-919800000001",
                        new BindingEvent.Subscriber(null, "919800000001", null, null, null),
                        null));
        List<BindingIntervals.Interval> at =
                AttributionRules.covering(events, Instant.parse("2026-11-25T11:00:00Z"), POLICY);
        assertThat(at).hasSize(1);
        assertThat(at.get(0).startKnown()).isFalse();
        assertThat(at.get(0).evidence()).containsExactly("e");
    }

    @Test
    void identifiersAndTheMergedSubscriberCollectWhatEveryCandidateSays() {
        BindingIntervals.Interval one = BindingIntervals.of(
                        new java.util.ArrayList<>(
                                List.of(radius("s", "acme", "start", "10:00:00", "100.64.0.9", "919800000001"))),
                        Duration.ofHours(24))
                .get(0);
        AttributionRules.Candidate c = AttributionRules.candidate("nat", one, 5000, List.of("t", "s"));
        assertThat(c.privateIp()).isEqualTo("100.64.0.9");
        assertThat(c.privatePort()).isEqualTo(5000);
        assertThat(c.evidence()).containsExactly("t", "s");
        assertThat(AttributionRules.identifiers(List.of(c, c))).containsExactly("919800000001");
        assertThat(AttributionRules.status(List.of(c, c))).isEqualTo("attributed");
        assertThat(AttributionRules.status(List.of())).isEqualTo("unresolved");
    }

    @Test
    void internalAddressesAreThoseThatMeanSomethingInsideOneNetworkOnly() {
        assertThat(AttributionRules.isInternal("10.1.2.3")).isTrue();
        assertThat(AttributionRules.isInternal("100.64.0.1")).isTrue();
        assertThat(AttributionRules.isInternal("100.127.255.255")).isTrue();
        assertThat(AttributionRules.isInternal("100.128.0.1")).isFalse();
        assertThat(AttributionRules.isInternal("192.168.1.1")).isTrue();
        assertThat(AttributionRules.isInternal("fd00::1")).isTrue();
        assertThat(AttributionRules.isInternal("203.0.113.7")).isFalse();
        assertThat(AttributionRules.isInternal("2401:4900::1")).isFalse();
        assertThat(AttributionRules.isInternal("example.com")).isFalse();
        assertThat(AttributionRules.isInternal(null)).isFalse();
    }
}
