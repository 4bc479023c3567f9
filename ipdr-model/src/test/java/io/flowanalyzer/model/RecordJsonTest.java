package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    static SessionRecord sample() {
        Instant start = Instant.parse("2024-03-01T04:45:30Z");
        return new SessionRecord(
                start,
                new SessionRecord.Event(
                        RecordIds.forLine("d1", 2),
                        start,
                        start.plusSeconds(90),
                        90_000_000_000L,
                        "generic-csv",
                        "raw,line"),
                new SessionRecord.Source("10.0.0.1", 40000, new SessionRecord.Nat("100.64.1.1", 2048), 1200L),
                new SessionRecord.Destination("157.240.1.1", 443, 56000L),
                new SessionRecord.Network("tcp"),
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, "919876543210", "404450000000001", null, null, null),
                        new SessionRecord.Cell(
                                "40445-1234-5678", new SessionRecord.GeoPoint(19.07, 72.87), "40445-1234-9999"),
                        new SessionRecord.Access("jionet", "4G"),
                        "acme",
                        "inbox",
                        "generic-csv",
                        new SessionRecord.Delivery("d1", 2L),
                        new SessionRecord.Attribution("direct", null, null),
                        null,
                        null),
                new SessionRecord.Log(new SessionRecord.LogFile("sessions.csv"), 120L),
                new SessionRecord.FileRef(new SessionRecord.Hash("ab".repeat(32))));
    }

    @Test
    void writesTheEcsDocumentShape() throws Exception {
        JsonNode doc = RecordJson.mapper().readTree(RecordJson.toBytes(sample()));
        assertThat(doc.get("@timestamp").asText()).isEqualTo("2024-03-01T04:45:30Z");
        assertThat(doc.at("/source/nat/ip").asText()).isEqualTo("100.64.1.1");
        assertThat(doc.at("/ipdr/a_party/msisdn").asText()).isEqualTo("919876543210");
        assertThat(doc.at("/ipdr/a_party").has("subscriber_id")).isFalse();
        assertThat(doc.at("/ipdr/cell/location/lat").asDouble()).isEqualTo(19.07);
        assertThat(doc.at("/ipdr/cell/last_id").asText()).isEqualTo("40445-1234-9999");
        assertThat(doc.at("/ipdr/access/apn").asText()).isEqualTo("jionet");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(90_000_000_000L);
        assertThat(doc.at("/file/hash/sha256").asText()).hasSize(64);
        assertThat(doc.at("/ipdr").has("risk_score")).isFalse();
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        SessionRecord record = sample();
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(record), SessionRecord.class))
                .isEqualTo(record);
    }

    @Test
    void idsAreDeterministicAndDistinct() {
        String delivery = RecordIds.forDelivery("acme", "ab".repeat(32));
        assertThat(delivery).hasSize(32).isEqualTo(RecordIds.forDelivery("acme", "ab".repeat(32)));
        assertThat(RecordIds.forDelivery("other", "ab".repeat(32))).isNotEqualTo(delivery);
        assertThat(RecordIds.forLine(delivery, 7))
                .isEqualTo(RecordIds.forLine(delivery, 7))
                .isNotEqualTo(RecordIds.forLine(delivery, 8))
                .isNotEqualTo(RecordIds.forRejectedLine(delivery, 7));
    }
}
