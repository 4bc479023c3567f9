package io.flowanalyzer.correlator.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoSessionRuleTest {
    private static final Instant T = Instant.parse("2026-11-20T05:00:00Z");
    private static final LinkSettings SETTINGS = LinkSettings.defaults();

    static Observation leg(String id, String msisdn, int startMs, int endMs, Integer port, Long up, Long down) {
        Instant start = T.plusMillis(startMs);
        return Observation.of(new SessionRecord(
                start,
                new SessionRecord.Event(id, start, T.plusMillis(endMs), null, "generic-csv", null),
                new SessionRecord.Source("10.0.0.1", 40000, null, up),
                new SessionRecord.Destination("157.240.16.20", port, down),
                new SessionRecord.Network("udp"),
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, msisdn, "404450000000001", null, null, "Asha Rao"),
                        null,
                        null,
                        "jio",
                        "inbox",
                        "generic-csv@1",
                        new SessionRecord.Delivery("d1", 7L),
                        null,
                        null,
                        null,
                        new SessionRecord.BParty("WhatsApp", "messaging")),
                null,
                new SessionRecord.FileRef(new SessionRecord.Hash("ab".repeat(32)))));
    }

    @Test
    void twoLegsOfOneRelayedCallAreAProbableContactWithTheirReasons() {
        Observation a = leg("s-b", "919800000002", 2_000, 302_000, 3480, 2_000_000L, 1_900_000L);
        Observation b = leg("s-a", "919800000001", 0, 303_000, 3478, 1_950_000L, 2_100_000L);
        ProbableContact c = CoSessionRule.compare(a, b, SETTINGS);
        assertThat(c).isNotNull();
        // ordered by subscriber, whichever came first
        assertThat(c.first().id()).isEqualTo("s-a");
        assertThat(CoSessionRule.compare(b, a, SETTINGS)).isEqualTo(c);
        assertThat(c.overlap()).isEqualTo(0.99); // 300 of 303 s
        assertThat(c.volumeSimilarity()).isEqualTo(0.952); // 2.1 MB down against 2.0 MB up
        assertThat(c.score()).isEqualTo(0.943);
        assertThat(c.startGap()).isEqualTo(2_000);
        assertThat(c.endGap()).isEqualTo(1_000);
        assertThat(c.reason())
                .isEqualTo("Both reached WhatsApp relay 157.240.16.20 (ports 3478 and 3480) together: they started 2 s"
                        + " and ended 1 s apart and were both open for 300 of 303 s (99 %); one side's upload matched"
                        + " the other's download at 95 % (2.0 MB ↔ 1.9 MB, 2.1 MB ↔ 2.0 MB). Score 0.94 (overlap ×"
                        + " volume likeness; a link needs 0.60).");
        assertThat(c.id()).isEqualTo(RecordIds.forLink("s-b", "s-a"));
    }

    @Test
    void theLinkDocumentNamesBothPartiesTheRelayAndEachHalfOfTheEvidence() throws Exception {
        Observation a = leg("s-a", "919800000001", 0, 60_000, 3478, 500_000L, 400_000L);
        Observation b = leg("s-b", "919800000002", 1_500, 61_000, 3478, 400_000L, 500_000L);
        var action = CoSessionRule.compare(a, b, SETTINGS).action(IndexLayout.DAY);
        assertThat(action.index()).isEqualTo("ipdr-links");
        assertThat(action.upsert()).isTrue();
        JsonNode doc = RecordJson.mapper().readTree(action.json());
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2026-11-20T05:00:00Z");
        assertThat(doc.at("/event/end").asText()).isEqualTo("2026-11-20T05:01:01Z");
        assertThat(doc.at("/link/kind").asText()).isEqualTo("co_session");
        assertThat(doc.at("/link/start_gap_seconds").asDouble()).isEqualTo(1.5);
        assertThat(doc.at("/link/together_seconds").asLong()).isEqualTo(58);
        assertThat(doc.at("/relay/port").toString()).isEqualTo("[3478]");
        assertThat(doc.at("/party_a/msisdn").asText()).isEqualTo("919800000001");
        assertThat(doc.at("/party_a/name").asText()).isEqualTo("Asha Rao");
        assertThat(doc.at("/party_b/session/id").asText()).isEqualTo("s-b");
        assertThat(doc.at("/party_b/session/index").asText()).isEqualTo("ipdr-sessions-2026.11.20");
        assertThat(doc.at("/party_b/session/bytes_up").asLong()).isEqualTo(400_000);
        assertThat(doc.at("/party_b/session/delivery/line").asLong()).isEqualTo(7);
        assertThat(doc.at("/party_b/session/file/hash/sha256").asText()).isEqualTo("ab".repeat(32));
    }

    @Test
    void sessionsThatDoNotLookLikeOneConversationAreNotLinked() {
        Observation a = leg("s-a", "919800000001", 0, 300_000, 3478, 2_000_000L, 1_900_000L);
        // the same subscriber twice
        assertThat(CoSessionRule.compare(
                        a, leg("s-x", "919800000001", 0, 300_000, 3478, 1_900_000L, 2_000_000L), SETTINGS))
                .isNull();
        // ports outside the relay's range of 20
        assertThat(CoSessionRule.compare(
                        a, leg("s-x", "919800000002", 0, 300_000, 3499, 1_900_000L, 2_000_000L), SETTINGS))
                .isNull();
        // started 16 s apart
        assertThat(CoSessionRule.compare(
                        a, leg("s-x", "919800000002", 16_000, 300_000, 3478, 1_900_000L, 2_000_000L), SETTINGS))
                .isNull();
        // half as long
        assertThat(CoSessionRule.compare(
                        a, leg("s-x", "919800000002", 0, 150_000, 3478, 1_900_000L, 2_000_000L), SETTINGS))
                .isNull();
        // volumes of another conversation: 1.0 MB against 1.9 MB
        assertThat(CoSessionRule.compare(
                        a, leg("s-x", "919800000002", 0, 300_000, 3478, 1_900_000L, 1_000_000L), SETTINGS))
                .isNull();
        // too short to be a call
        assertThat(CoSessionRule.compare(
                        leg("s-y", "919800000001", 0, 19_000, 3478, 100L, 100L),
                        leg("s-x", "919800000002", 0, 19_000, 3478, 100L, 100L),
                        SETTINGS))
                .isNull();
    }

    @Test
    void withoutVolumesTimingAloneLinksAtALowerScore() {
        Observation a = leg("s-a", "919800000001", 0, 300_000, null, null, null);
        Observation b = leg("s-b", "919800000002", 0, 300_000, null, null, null);
        ProbableContact c = CoSessionRule.compare(a, b, SETTINGS);
        assertThat(c.score()).isEqualTo(0.8);
        assertThat(c.volumeSimilarity()).isNull();
        assertThat(c.reason())
                .isEqualTo(
                        "Both reached WhatsApp relay 157.240.16.20 together: they started 0 s and ended 0 s apart and"
                                + " were both open for 300 of 300 s (100 %); volume not reported by both (score × 0.8). Score"
                                + " 0.80 (overlap × volume likeness; a link needs 0.60).");
    }
}
