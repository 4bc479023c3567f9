package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.CorrelatorJobTest;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attribution hops in the whole job, on a MiniCluster, against a day of CGNAT evidence whose every
 * answer is known: each session must end as its ground truth says — the right subscriber, ambiguous
 * with exactly the right candidates, or unresolved — whatever order evidence and sessions arrive in,
 * and whether the evidence came before or after its sessions.
 */
class AttributionJobTest {
    static final ConcurrentLinkedQueue<IndexAction> WRITTEN = CorrelatorJobTest.INDEXED;
    static CgnatDay day;
    /** Static: the generator function is serialised into the job, the messages are not. */
    @BeforeAll
    static void generate() {
        day = new CgnatDay(20261124L, 12);
    }

    static List<KafkaMessage> messages(boolean evidenceFirst) {
        List<KafkaMessage> messages = new ArrayList<>();
        List<KafkaMessage> sessions = day.sessions.stream()
                .map(s -> new KafkaMessage("ipdr.records", s.id(), RecordJson.toBytes(s)))
                .toList();
        List<KafkaMessage> evidence =
                day.bindings.stream().map(AttributionJobTest::message).toList();
        if (evidenceFirst) {
            messages.addAll(evidence);
            messages.addAll(sessions);
        } else {
            messages.addAll(sessions);
            messages.addAll(evidence);
        }
        day.lateBindings.forEach(b -> messages.add(message(b)));
        // a replay after a restart: the same evidence and sessions again change nothing
        messages.addAll(evidence.subList(0, 20));
        messages.addAll(sessions.subList(0, 10));
        return messages;
    }

    private static KafkaMessage message(NatBinding b) {
        return new KafkaMessage("ipdr.nat", b.id(), RecordJson.toBytes(b));
    }

    /** Runs the job over the messages and folds what it wrote (documents, then updates) into final documents. */
    static Map<String, ObjectNode> run(List<KafkaMessage> input, int parallelism) throws Exception {
        return run(input, parallelism, io.flowanalyzer.correlator.enrichment.ReferenceFeed.of(List.of()));
    }

    static Map<String, ObjectNode> run(
            List<KafkaMessage> input, int parallelism, io.flowanalyzer.correlator.enrichment.ReferenceFeed reference)
            throws Exception {
        CorrelatorJobTest.run(
                input,
                Map.of("parallelism", String.valueOf(parallelism), "attribution.allowed-lateness", "PT0S"),
                reference);
        return fold(WRITTEN);
    }

    static Map<String, ObjectNode> fold(Iterable<IndexAction> actions) throws IOException {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (IndexAction a : actions) {
            if (!a.index().startsWith("ipdr-sessions-")) {
                continue;
            }
            ObjectNode json = (ObjectNode) RecordJson.mapper().readTree(a.json());
            if (!a.partial()) {
                documents.put(a.id(), json);
                continue;
            }
            ObjectNode doc = documents.get(a.id());
            assertThat(doc).as("an update of %s follows its document", a.id()).isNotNull();
            ObjectNode ipdr = (ObjectNode) doc.get("ipdr");
            for (Iterator<Map.Entry<String, JsonNode>> f = json.get("ipdr").fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (field.getValue().isNull()) {
                    ipdr.remove(field.getKey());
                } else {
                    ObjectNode value = field.getValue().deepCopy();
                    value.properties().removeIf(e -> e.getValue().isNull());
                    ipdr.set(field.getKey(), value);
                }
            }
        }
        return documents;
    }

    @Test
    void everySessionEndsAsItsGroundTruthSays() throws Exception {
        Map<String, ObjectNode> documents = run(messages(true), 1);
        assertGroundTruth(documents);
        // the blocks of 203.0.113.2 came after its sessions: those were written unresolved, then updated
        assertThat(WRITTEN.stream().filter(IndexAction::partial).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theAnswerDoesNotDependOnWhetherEvidenceOrSessionsCameFirstNorOnParallelism() throws Exception {
        Map<String, ObjectNode> evidenceFirst = run(messages(true), 1);
        Map<String, ObjectNode> sessionsFirst = run(messages(false), 2);
        assertGroundTruth(sessionsFirst);
        for (String id : evidenceFirst.keySet()) {
            assertThat(sessionsFirst.get(id)).as(id).isEqualTo(evidenceFirst.get(id));
        }
    }

    static void assertGroundTruth(Map<String, ObjectNode> documents) {
        assertThat(documents.keySet()).containsExactlyInAnyOrderElementsOf(day.expected.keySet());
        Map<String, Integer> byMethod = new LinkedHashMap<>();
        for (SessionRecord s : day.sessions) {
            CgnatDay.Expected want = day.expected.get(s.id());
            JsonNode ipdr = documents.get(s.id()).get("ipdr");
            JsonNode attribution = ipdr.get("attribution");
            String why = s.id() + " " + s.source() + " at " + s.timestamp() + " → " + ipdr;
            assertThat(attribution.get("method").asText()).as(why).isEqualTo(want.method());
            byMethod.merge(want.method(), 1, Integer::sum);
            switch (want.method()) {
                case "nat", "radius" -> {
                    assertThat(ipdr.get("a_party").get("msisdn").asText())
                            .as(why)
                            .isEqualTo(want.msisdns().iterator().next());
                    assertThat(texts(attribution.get("evidence"))).as(why).contains(want.evidence());
                    assertThat(attribution.has("candidates")).as(why).isFalse();
                }
                case "ambiguous" -> {
                    assertThat(ipdr.has("a_party")).as(why).isFalse();
                    assertThat(new TreeSet<>(texts(attribution.get("candidates"))))
                            .as(why)
                            .isEqualTo(new TreeSet<>(want.msisdns()));
                    assertThat(attribution.get("detail"))
                            .as(why)
                            .hasSize(want.msisdns().size());
                    assertThat(texts(attribution.get("evidence"))).as(why).contains(want.evidence());
                }
                default -> {
                    assertThat(ipdr.has("a_party")).as(why).isFalse();
                    assertThat(attribution.has("candidates")).as(why).isFalse();
                    if (want.evidence() != null) {
                        assertThat(texts(attribution.get("evidence"))).as(why).contains(want.evidence());
                    } else {
                        assertThat(attribution.has("evidence")).as(why).isFalse();
                    }
                }
            }
        }
        assertThat(byMethod.keySet()).containsExactlyInAnyOrder("nat", "radius", "ambiguous", "unresolved");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    @Test
    void aSessionThatNamesItsSubscriberIsDirectAndNeverWaits() throws Exception {
        SessionRecord s = day.sessions.get(0);
        SessionRecord named = new SessionRecord(
                s.timestamp(),
                new SessionRecord.Event("named-1", s.timestamp(), null, null, "generic-csv", "raw"),
                s.source(),
                s.destination(),
                s.network(),
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, "919811111111", null, null, null, null),
                        null,
                        null,
                        "acme",
                        "inbox",
                        "generic-csv@1",
                        null,
                        null,
                        null,
                        null),
                null,
                null);
        Map<String, ObjectNode> documents =
                run(List.of(new KafkaMessage("ipdr.records", "named-1", RecordJson.toBytes(named))), 1);
        JsonNode ipdr = documents.get("named-1").get("ipdr");
        assertThat(ipdr.get("attribution").get("method").asText()).isEqualTo("direct");
        assertThat(ipdr.get("a_party").get("msisdn").asText()).isEqualTo("919811111111");
        assertThat(WRITTEN).hasSize(1);
    }
}
