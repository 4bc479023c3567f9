package io.flowanalyzer.portal.attribution;

import io.flowanalyzer.portal.search.Documents;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code ipdr-nat} document as attribution reads it: a translation, port block or RADIUS event
 * with what it knows of its binding's interval.
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
        Subscriber subscriber) {

    /** Who a RADIUS binding names. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Subscriber(String subscriberId, String msisdn, String imsi, String imei, String deviceId) {
        boolean any() {
            return subscriberId != null || msisdn != null || imsi != null || imei != null || deviceId != null;
        }

        /** This, with what it lacks taken from {@code other}. */
        Subscriber fill(Subscriber other) {
            return new Subscriber(
                    subscriberId != null ? subscriberId : other.subscriberId,
                    msisdn != null ? msisdn : other.msisdn,
                    imsi != null ? imsi : other.imsi,
                    imei != null ? imei : other.imei,
                    deviceId != null ? deviceId : other.deviceId);
        }

        /** The same person when any identifier they both have is the same. */
        boolean sameAs(Subscriber o) {
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

    static BindingEvent of(Map<String, Object> doc) {
        return new BindingEvent(
                Documents.text(doc, "event.id"),
                Documents.text(doc, "ipdr.isp"),
                Documents.text(doc, "ipdr.binding.kind"),
                Documents.text(doc, "event.action"),
                instant(Documents.text(doc, "@timestamp")),
                instant(Documents.text(doc, "event.start")),
                instant(Documents.text(doc, "event.end")),
                Documents.text(doc, "source.ip"),
                integer(Documents.text(doc, "source.port")),
                Documents.text(doc, "source.nat.ip"),
                integer(Documents.text(doc, "source.nat.port")),
                integer(Documents.text(doc, "ipdr.binding.port_start")),
                integer(Documents.text(doc, "ipdr.binding.port_end")),
                Documents.text(doc, "ipdr.binding.session_id"),
                new Subscriber(
                        Documents.text(doc, "ipdr.a_party.subscriber_id"),
                        Documents.text(doc, "ipdr.a_party.msisdn"),
                        Documents.text(doc, "ipdr.a_party.imsi"),
                        Documents.text(doc, "ipdr.a_party.imei"),
                        Documents.text(doc, "ipdr.a_party.device_id")));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    /** The binding this event belongs to: events of one binding share it, whatever they report. */
    String bindingKey() {
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
