package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verdict's clock: waiting is said as pending, becomes unresolved when the lateness ends, and is forgotten after the retention. */
class VerdictTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    KeyedTwoInputStreamOperatorTestHarness<String, SessionRecord, LookupAnswer, IndexAction> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new Verdict(
                        IndexLayout.MONTH,
                        Duration.ofMinutes(15),
                        Duration.ofHours(6),
                        io.flowanalyzer.correlator.enrichment.ReferenceFeed.of(java.util.List.of()))),
                SessionRecord::id,
                LookupAnswer::sessionId,
                Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static SessionRecord session(String id) {
        return new SessionRecord(
                T,
                new SessionRecord.Event(id, T, null, null, "server-log", "raw"),
                new SessionRecord.Source("203.0.113.9", 40001, null, null),
                null,
                null,
                new SessionRecord.Ipdr(null, null, null, "contentco", "inbox", "server-log@1", null, null, null, null),
                null,
                null);
    }

    static LookupAnswer nobody(String id, int generation) {
        return new LookupAnswer(id, generation, 0, 1, List.of(), List.of());
    }

    static AttributionRules.Candidate candidate(String msisdn) {
        return new AttributionRules.Candidate(
                "nat",
                new BindingEvent.Subscriber(null, msisdn, null, null, null),
                "acme",
                "100.64.0.1",
                5000,
                T.minusSeconds(60),
                T.plusSeconds(60),
                true,
                true,
                List.of("xlate-1", "rad-" + msisdn));
    }

    private List<IndexAction> written() {
        return harness.extractOutputValues();
    }

    private JsonNode json(IndexAction a) throws Exception {
        return RecordJson.mapper().readTree(a.json());
    }

    @Test
    void waitingIsPendingThenUnresolvedWhenTheLatenessEnds() throws Exception {
        harness.processElement1(new StreamRecord<>(session("s1")));
        assertThat(written()).isEmpty(); // no answer yet: nothing is written half-known
        harness.processElement2(new StreamRecord<>(nobody("s1", 0)));
        assertThat(written()).hasSize(1);
        assertThat(written().get(0).partial()).isFalse();
        assertThat(json(written().get(0)).at("/ipdr/attribution/method").asText())
                .isEqualTo("pending");
        assertThat(written().get(0).index()).isEqualTo("ipdr-sessions-2026.11");

        harness.setProcessingTime(Duration.ofMinutes(15).toMillis());
        assertThat(written()).hasSize(2);
        IndexAction update = written().get(1);
        assertThat(update.partial()).isTrue();
        assertThat(update.id()).isEqualTo("s1");
        assertThat(json(update).at("/ipdr/attribution/method").asText()).isEqualTo("unresolved");
        assertThat(json(update).at("/ipdr/a_party").isNull()).isTrue();
    }

    @Test
    void lateEvidenceUpdatesTheSameDocumentAndAnOlderLookIsIgnored() throws Exception {
        harness.processElement1(new StreamRecord<>(session("s1")));
        harness.processElement2(new StreamRecord<>(nobody("s1", 0)));
        harness.processElement2(new StreamRecord<>(
                new LookupAnswer("s1", 1, 0, 1, List.of("xlate-1"), List.of(candidate("919800000001")))));
        // an answer to the first look arriving late changes nothing
        harness.processElement2(new StreamRecord<>(nobody("s1", 0)));
        assertThat(written()).hasSize(2);
        JsonNode update = json(written().get(1));
        assertThat(update.at("/ipdr/attribution/method").asText()).isEqualTo("nat");
        assertThat(update.at("/ipdr/a_party/msisdn").asText()).isEqualTo("919800000001");
        assertThat(update.at("/ipdr/attribution/evidence").toString()).isEqualTo("[\"xlate-1\",\"rad-919800000001\"]");

        // a second subscriber's binding turns up: never one picked silently
        harness.processElement2(new StreamRecord<>(new LookupAnswer(
                "s1", 2, 0, 1, List.of("xlate-1"), List.of(candidate("919800000001"), candidate("919800000002")))));
        JsonNode ambiguous = json(written().get(2));
        assertThat(ambiguous.at("/ipdr/attribution/method").asText()).isEqualTo("ambiguous");
        assertThat(ambiguous.at("/ipdr/attribution/candidates").toString())
                .isEqualTo("[\"919800000001\",\"919800000002\"]");
        assertThat(ambiguous.at("/ipdr/a_party").isNull()).isTrue(); // what the single answer filled is taken back
        // the deadline passes: an answered session does not change
        harness.setProcessingTime(Duration.ofMinutes(30).toMillis());
        assertThat(written()).hasSize(3);
    }

    @Test
    void theDetectorsSeeASessionOnceWhenitIsAttributedAlsoWhenThatHappensLate() throws Exception {
        harness.processElement1(new StreamRecord<>(session("s1")));
        harness.processElement2(new StreamRecord<>(nobody("s1", 0)));
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT)).isNull(); // pending: nobody to watch yet
        harness.processElement2(new StreamRecord<>(
                new LookupAnswer("s1", 1, 0, 1, List.of("xlate-1"), List.of(candidate("919800000001")))));
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.getValue().id()).isEqualTo("s1");
                    assertThat(o.getValue().subscriber()).isEqualTo("msisdn:919800000001");
                    assertThat(o.getValue().method()).isEqualTo("nat");
                });
        // a later change of mind updates the document but does not show the session to the detectors again
        harness.processElement2(new StreamRecord<>(
                new LookupAnswer("s1", 2, 0, 1, List.of("xlate-1"), List.of(candidate("919800000002")))));
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT)).hasSize(1);
        assertThat(written()).hasSize(3);
    }

    @Test
    void aSessionIsWrittenOnceAndItsStateForgottenAfterTheRetention() throws Exception {
        harness.processElement1(new StreamRecord<>(session("s1")));
        harness.processElement2(
                new StreamRecord<>(new LookupAnswer("s1", 0, 0, 1, List.of(), List.of(candidate("919800000001")))));
        harness.processElement1(new StreamRecord<>(session("s1"))); // delivered again
        assertThat(written()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.setProcessingTime(Duration.ofHours(6).toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
    /** A relay session (a WhatsApp server's log line) whose attribution changes after it was handed on. */
    static SessionRecord relaySession(String id) {
        SessionRecord s = session(id);
        return new SessionRecord(
                s.timestamp(),
                s.event(),
                s.source(),
                new SessionRecord.Destination("157.240.16.20", 3478, null),
                s.network(),
                new SessionRecord.Ipdr(
                        null,
                        null,
                        null,
                        "contentco",
                        "inbox",
                        "server-log@1",
                        null,
                        null,
                        null,
                        null,
                        new SessionRecord.BParty("WhatsApp", "messaging")),
                null,
                null);
    }

    @Test
    void aRelaySessionsLinksHearWhenItsAttributionChangesAfterTheyHadIt() throws Exception {
        harness.close();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new Verdict(
                        IndexLayout.MONTH,
                        Duration.ofMinutes(15),
                        Duration.ofHours(6),
                        io.flowanalyzer.correlator.enrichment.ReferenceFeed.of(java.util.List.of()),
                        io.flowanalyzer.correlator.links.LinkSettings.defaults())),
                SessionRecord::id,
                LookupAnswer::sessionId,
                Types.STRING);
        harness.open();
        harness.processElement1(new StreamRecord<>(relaySession("s1")));
        harness.processElement2(new StreamRecord<>(
                new LookupAnswer("s1", 0, 0, 1, List.of("xlate-1"), List.of(candidate("919800000001")))));
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT)).hasSize(1);
        assertThat(harness.getSideOutput(Verdict.REATTRIBUTED)).isNull();

        // a second subscriber's binding: the links made with 919800000001 hear that it names nobody now
        harness.processElement2(new StreamRecord<>(new LookupAnswer(
                "s1", 1, 0, 1, List.of("xlate-1"), List.of(candidate("919800000001"), candidate("919800000002")))));
        assertThat(harness.getSideOutput(Verdict.REATTRIBUTED)).singleElement().satisfies(r -> {
            var change = r.getValue();
            assertThat(change.sessionId()).isEqualTo("s1");
            assertThat(change.destinationIp()).isEqualTo("157.240.16.20");
            assertThat(change.category()).isEqualTo("messaging");
            assertThat(change.now()).isNull();
        });
        // the other binding is withdrawn as wrong: they hear whom it names again
        harness.processElement2(new StreamRecord<>(
                new LookupAnswer("s1", 2, 0, 1, List.of("xlate-1"), List.of(candidate("919800000002")))));
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT)).hasSize(2);
        assertThat(harness.getSideOutput(AttributionRouting.TO_DETECT)
                        .poll()
                        .getValue()
                        .msisdn())
                .isEqualTo("919800000001");
    }
}
