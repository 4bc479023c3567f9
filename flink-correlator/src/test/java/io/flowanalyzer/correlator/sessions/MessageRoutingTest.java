package io.flowanalyzer.correlator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class MessageRoutingTest {
    public static final Instant START = Instant.parse("2024-03-01T04:45:30Z");
    public static final DeliveryRef DELIVERY = DeliveryRef.of("acme", "inbox", "generic-csv", "s.csv", "cd".repeat(32));

    private OneInputStreamOperatorTestHarness<KafkaMessage, SessionRecord> harness;

    public static SessionRecord session(String id) {
        return new SessionRecord(
                START,
                new SessionRecord.Event(id, START, null, null, "generic-csv", "raw"),
                new SessionRecord.Source("10.0.0.1", 1, null, 5L),
                null,
                null,
                new SessionRecord.Ipdr(null, null, null, "acme", "inbox", "generic-csv@1", null, null, null, null),
                null,
                null);
    }

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new MessageRouting()));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void sessionsGoOnAsRecords() throws Exception {
        harness.processElement(
                new StreamRecord<>(new KafkaMessage("ipdr.records", "id-1", RecordJson.toBytes(session("id-1")))));
        assertThat(harness.extractOutputValues()).containsExactly(session("id-1"));
        assertThat(harness.getSideOutput(MessageRouting.REJECTS)).isNull();
    }

    @Test
    void rejectsAndCustodyGoToTheirIndicesUnchanged() throws Exception {
        Reject reject = Reject.of(START, DELIVERY, 7, 99L, "bad port", "x,y");
        Delivery delivery = delivery(DELIVERY.id());
        byte[] rejectBytes = RecordJson.toBytes(reject);
        byte[] deliveryBytes = RecordJson.toBytes(delivery);
        harness.processElement(new StreamRecord<>(new KafkaMessage("ipdr.rejects", reject.id(), rejectBytes)));
        harness.processElement(new StreamRecord<>(new KafkaMessage("ipdr.custody", delivery.id(), deliveryBytes)));

        List<IndexAction> rejects = harness.getSideOutput(MessageRouting.REJECTS).stream()
                .map(StreamRecord::getValue)
                .toList();
        List<IndexAction> custody = harness.getSideOutput(MessageRouting.CUSTODY).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejects).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo("ipdr-rejects");
            assertThat(a.id()).isEqualTo(reject.id());
            assertThat(a.json()).isEqualTo(rejectBytes);
        });
        assertThat(custody).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo("ipdr-custody");
            assertThat(a.id()).isEqualTo(DELIVERY.id());
        });
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /** A complete delivery's custody record: 3 lines, 2 accepted, 1 rejected. */
    public static Delivery delivery(String id) {
        return new Delivery(
                START,
                id,
                "acme",
                "inbox",
                "generic-csv",
                "1",
                false,
                null,
                "s.csv",
                "cd".repeat(32),
                10,
                START,
                0,
                3,
                2,
                1,
                Delivery.COMPLETE,
                null);
    }

    public static NatBinding binding(String id) {
        return new NatBinding(
                START,
                new NatBinding.Event(id, NatBinding.START, START, null, null, "305011", "cisco-asa-nat", "raw"),
                new SessionRecord.Source("10.20.1.15", 51234, new SessionRecord.Nat("203.0.113.10", 40123), null),
                null,
                new SessionRecord.Network("tcp"),
                new NatBinding.Ipdr(
                        null,
                        "acme",
                        "inbox",
                        "cisco-asa-nat@1",
                        new SessionRecord.Delivery(DELIVERY.id(), 1L),
                        new NatBinding.Binding(NatBinding.TRANSLATION, null, null, null, null, null)),
                null,
                null);
    }

    @Test
    void bindingsGoToTheirSideOutputAndBecomeDocumentsOfTheDailyNatIndex() throws Exception {
        harness.processElement(
                new StreamRecord<>(new KafkaMessage("ipdr.nat", "b-1", RecordJson.toBytes(binding("b-1")))));
        harness.processElement(new StreamRecord<>(
                new KafkaMessage("ipdr.nat", "b-2", "{\"event\":{\"id\":\"b-2\"}}".getBytes(StandardCharsets.UTF_8))));

        assertThat(harness.getSideOutput(MessageRouting.BINDINGS))
                .extracting(StreamRecord::getValue)
                .containsExactly(binding("b-1"));
        IndexAction document = new BindingDocuments(IndexLayout.MONTH).map(binding("b-1"));
        assertThat(document.index()).isEqualTo("ipdr-nat-2024.03");
        assertThat(document.id()).isEqualTo("b-1");
        assertThat(RecordJson.fromBytes(document.json(), NatBinding.class)).isEqualTo(binding("b-1"));
        Reject broken = RecordJson.fromBytes(
                harness.getSideOutput(MessageRouting.REJECTS).peek().getValue().json(), Reject.class);
        assertThat(broken.reason())
                .isEqualTo("the message on ipdr.nat is not a NAT or RADIUS binding with an id and a time");
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aMessageThatIsNotWhatItsTopicPromisesBecomesARejectWithItsText() throws Exception {
        harness.processElement(new StreamRecord<>(
                new KafkaMessage("ipdr.records", "k", "{not json".getBytes(StandardCharsets.UTF_8))));
        harness.processElement(new StreamRecord<>(
                new KafkaMessage("ipdr.records", "k", "{\"event\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8))));
        List<IndexAction> rejects = harness.getSideOutput(MessageRouting.REJECTS).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejects).hasSize(2);
        Reject first = RecordJson.fromBytes(rejects.get(0).json(), Reject.class);
        assertThat(first.reason())
                .isEqualTo("the message on ipdr.records is not a session record with an id and a start time");
        assertThat(first.raw()).isEqualTo("{not json");
        assertThat(rejects.get(0).id()).isNotEqualTo(rejects.get(1).id());
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
