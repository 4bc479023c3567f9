package io.flowanalyzer.correlator.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** When a key's waiting sessions are handed on, and in which order. */
class InEventTimeOrderTest {
    private static final Instant T = Instant.parse("2026-11-20T06:00:00Z");
    private static final long MAX_WAIT = 30_000;

    /** Writes each batch it is handed as the ids in order, so a test sees batches and their order. */
    static final class Batches extends InEventTimeOrder<String> {
        Batches() {
            super(Duration.ofMillis(MAX_WAIT));
        }

        @Override
        protected void inOrder(List<Observation> due, Collector<String> out) {
            out.collect(String.join(",", due.stream().map(Observation::id).toList()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, String> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Batches()), Observation::subscriber, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    private static Observation at(String id, int minute) {
        Instant t = T.plusSeconds(60L * minute);
        return Observation.of(new SessionRecord(
                t,
                new SessionRecord.Event(id, t, null, null, "generic-csv", null),
                null,
                null,
                null,
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, "919700000001", null, null, null, null),
                        null,
                        null,
                        "acme",
                        "inbox",
                        "p",
                        null,
                        null,
                        null,
                        null),
                null,
                null));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Observation, String> h, Observation o)
            throws Exception {
        h.processElement(new StreamRecord<>(o, o.at()));
    }

    private static long minute(int m) {
        return T.plusSeconds(60L * m).toEpochMilli();
    }

    @Test
    void sessionsAheadOfTheWatermarkAreCheckedOnceItPassesThemAndTheyWaitedTheLeast() throws Exception {
        var h = harness();
        send(h, at("a", 1));
        send(h, at("b", 2));
        send(h, at("c", 30));
        h.processWatermark(new Watermark(minute(2)));
        assertThat(h.extractOutputValues()).as("the watermark alone").isEmpty();
        h.setProcessingTime(InEventTimeOrder.MIN_WAIT.toMillis());
        assertThat(h.extractOutputValues()).containsExactly("a,b");
        h.processWatermark(new Watermark(minute(40)));
        h.setProcessingTime(2 * InEventTimeOrder.MIN_WAIT.toMillis());
        assertThat(h.extractOutputValues()).containsExactly("a,b", "c");
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(h.numEventTimeTimers())
                .as("nothing left waiting, no timer left")
                .isZero();
        h.close();
    }

    @Test
    void aSessionBehindTheWatermarkHoldsItsKeySoTheyAreCheckedTogetherInTimeOrder() throws Exception {
        var h = harness();
        send(h, at("b", 20));
        h.processWatermark(new Watermark(minute(30)));
        send(h, at("a", 10)); // behind the watermark: a delivery of this subscriber's history
        h.setProcessingTime(InEventTimeOrder.MIN_WAIT.toMillis());
        assertThat(h.extractOutputValues())
                .as("held though the watermark passed b")
                .isEmpty();
        h.setProcessingTime(MAX_WAIT - 1);
        send(h, at("c", 5));
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(MAX_WAIT);
        assertThat(h.extractOutputValues()).containsExactly("c,a,b");
        assertThat(h.numProcessingTimeTimers() + h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void noSessionWaitsLongerThanTheLongestWaitAndTheEndOfTheInputChecksEverything() throws Exception {
        var h = harness();
        send(h, at("a", 1)); // no watermark ever comes
        h.setProcessingTime(MAX_WAIT);
        assertThat(h.extractOutputValues()).containsExactly("a");
        send(h, at("b", 2));
        send(h, at("c", 3));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).containsExactly("a", "b,c");
        h.close();
    }

    /** The earlier version's state layout, handing batches on as {@link Batches} does. */
    static final class EarlierBatches extends EarlierInEventTimeOrder<String> {
        EarlierBatches() {
            super(Duration.ofMillis(MAX_WAIT));
        }

        @Override
        protected void inOrder(List<Observation> due, Collector<String> out) {
            out.collect(String.join(",", due.stream().map(Observation::id).toList()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, String> harness(
            KeyedProcessFunction<String, Observation, String> f, StateBackend backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), Observation::subscriber, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** What the earlier version holds: b ahead of the watermark, a behind it (holding the key), its check armed. */
    private static OperatorSubtaskState earlierVersionHolding(StateBackend backend) throws Exception {
        var before = harness(new EarlierBatches(), backend);
        before.open();
        before.setProcessingTime(0);
        send(before, at("b", 20));
        before.processWatermark(new Watermark(minute(30)));
        send(before, at("a", 10));
        assertThat(before.extractOutputValues()).isEmpty();
        assertThat(before.numProcessingTimeTimers()).isEqualTo(1);
        OperatorSubtaskState checkpoint = before.snapshot(1, 1);
        before.close();
        return checkpoint;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, String> restored(
            OperatorSubtaskState checkpoint, StateBackend backend) throws Exception {
        var after = harness(new Batches(), backend);
        after.setProcessingTime(0);
        after.initializeState(checkpoint);
        after.open();
        return after;
    }

    @Test
    void sessionsAnEarlierVersionHeldAreCheckedWithThoseThatJoinThemAfterAnUpgrade() throws Exception {
        for (StateBackend backend : List.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend())) {
            var after = restored(earlierVersionHolding(backend), backend);
            after.setProcessingTime(1_000);
            send(after, at("c", 5)); // joins a and b, which still hold the key
            after.setProcessingTime(MAX_WAIT - 1);
            assertThat(after.extractOutputValues()).as(backend.getName()).isEmpty();
            after.setProcessingTime(MAX_WAIT);
            assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("c,a,b");
            assertThat(after.numProcessingTimeTimers() + after.numEventTimeTimers())
                    .as("nothing left waiting, no timer left")
                    .isZero();
            // and the key's next wait is the new version's own
            send(after, at("d", 40));
            after.processWatermark(new Watermark(minute(50)));
            after.setProcessingTime(MAX_WAIT + InEventTimeOrder.MIN_WAIT.toMillis());
            assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("c,a,b", "d");
            after.close();
        }
    }

    @Test
    void sessionsAnEarlierVersionHeldAreCheckedByItsArmedCheckAfterAnUpgrade() throws Exception {
        for (StateBackend backend : List.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend())) {
            var after = restored(earlierVersionHolding(backend), backend);
            after.setProcessingTime(MAX_WAIT);
            assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("a,b");
            assertThat(after.numProcessingTimeTimers() + after.numEventTimeTimers())
                    .as(backend.getName())
                    .isZero();
            after.close();
        }
    }

    @Test
    void aSessionDeliveredTwiceWhileItWaitsIsCheckedOnce() throws Exception {
        var h = harness();
        send(h, at("a", 1));
        send(h, at("a", 1));
        send(h, at("b", 1));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).containsExactly("a,b");
        h.close();
    }
}
