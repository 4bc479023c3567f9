package io.flowanalyzer.model.bindings;

import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;

/**
 * One NAT/CGNAT or RADIUS binding event as attribution reads it — a translation, port block or
 * RADIUS start, interim or end — with what it knows of its binding's interval. The API and the
 * streaming job read bindings through this same type and {@link BindingIntervals}. A RADIUS binding may
 * hold an IPv6 prefix (Framed- or Delegated-IPv6-Prefix) besides, or instead of, its address.
 */
public record BindingEvent(
        String id,
        String isp,
        String kind,
        String action,
        Instant at,
        Instant start,
        Instant end,
        String privateIp,
        Integer privatePort,
        String publicIp,
        Integer publicPort,
        Integer portStart,
        Integer portEnd,
        String sessionId,
        Subscriber subscriber,
        String ipv6Prefix) {

    /** Who a RADIUS binding names. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Subscriber(String subscriberId, String msisdn, String imsi, String imei, String deviceId) {
        /** Who a record's A-party names (nobody when it has none). */
        public static Subscriber of(SessionRecord.AParty p) {
            return p == null
                    ? new Subscriber(null, null, null, null, null)
                    : new Subscriber(p.subscriberId(), p.msisdn(), p.imsi(), p.imei(), p.deviceId());
        }

        public boolean any() {
            return subscriberId != null || msisdn != null || imsi != null || imei != null || deviceId != null;
        }

        /** This, with what it lacks taken from {@code other}. */
        public Subscriber fill(Subscriber other) {
            return new Subscriber(
                    subscriberId != null ? subscriberId : other.subscriberId,
                    msisdn != null ? msisdn : other.msisdn,
                    imsi != null ? imsi : other.imsi,
                    imei != null ? imei : other.imei,
                    deviceId != null ? deviceId : other.deviceId);
        }

        /** The same person when any identifier they both have is the same. */
        public boolean sameAs(Subscriber o) {
            return same(subscriberId, o.subscriberId)
                    || same(msisdn, o.msisdn)
                    || same(imsi, o.imsi)
                    || same(imei, o.imei)
                    || same(deviceId, o.deviceId);
        }

        private static boolean same(String a, String b) {
            return a != null && a.equals(b);
        }
    }

    /** The event a delivered binding record reports. */
    public static BindingEvent of(NatBinding b) {
        SessionRecord.Source source = b.source();
        SessionRecord.Nat nat = source == null ? null : source.nat();
        NatBinding.Binding binding = b.ipdr() == null ? null : b.ipdr().binding();
        SessionRecord.AParty party = b.ipdr() == null ? null : b.ipdr().aParty();
        return new BindingEvent(
                b.id(),
                b.ipdr() == null ? null : b.ipdr().isp(),
                binding == null ? null : binding.kind(),
                b.event().action(),
                b.timestamp(),
                b.event().start(),
                b.event().end(),
                source == null ? null : source.ip(),
                source == null ? null : source.port(),
                nat == null ? null : nat.ip(),
                nat == null ? null : nat.port(),
                binding == null ? null : binding.portStart(),
                binding == null ? null : binding.portEnd(),
                binding == null ? null : binding.sessionId(),
                Subscriber.of(party),
                binding == null ? null : binding.ipv6Prefix());
    }

    /**
     * The binding this event belongs to: events of one binding share it, whatever they report (the IPv6
     * prefix is not part of it: RADIUS often reports the delegated prefix on the Stop only).
     */
    public String bindingKey() {
        return String.join(
                "\u001f",
                String.valueOf(isp),
                String.valueOf(kind),
                String.valueOf(privateIp),
                String.valueOf(privatePort),
                String.valueOf(publicIp),
                String.valueOf(publicPort),
                String.valueOf(portStart),
                String.valueOf(portEnd),
                String.valueOf(sessionId));
    }
}
