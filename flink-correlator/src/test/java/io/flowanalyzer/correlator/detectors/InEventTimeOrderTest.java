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
            this(1_000);
        }

        Batches(int maxHeld) {
            super(Duration.ofMillis(MAX_WAIT), maxHeld);
        }

        @Override
        protected void inOrder(List<Observation> due, Collector<String> out) {
            out.collect(String.join(",", due.stream().map(Observation::id).toList()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, String> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new InEventTimeOrderOperator<>(new Batches()), Observation::subscriber, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    private static Observation at(String id, int minute) {
        return at(id, minute, "919700000001");
    }

    private static Observation at(String id, int minute, String subscriber) {
        Instant t = T.plusSeconds(60L * minute);
        return Observation.of(new SessionRecord(
                t,
                new SessionRecord.Event(id, t, null, null, "generic-csv", null),
                null,
                null,
                null,
                new SessionRecord.Ipdr(
                        new SessionRecord.AParty(null, subscriber, null, null, null, null),
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
        assertThat(h.numProcessingTimeTimers() + h.numEventTimeTimers())
                .as("a wait arms no keyed timer")
                .isZero();
        assertThat(h.getProcessingTimeService().getNumActiveTimers())
                .as("one callback for the soonest check")
                .isEqualTo(1);
        h.processWatermark(new Watermark(minute(2)));
        assertThat(h.extractOutputValues()).as("the watermark alone").isEmpty();
        h.setProcessingTime(InEventTimeOrder.MIN_WAIT.toMillis());
        assertThat(h.extractOutputValues()).containsExactly("a,b");
        h.processWatermark(new Watermark(minute(40)));
        h.setProcessingTime(2 * InEventTimeOrder.MIN_WAIT.toMillis());
        assertThat(h.extractOutputValues()).containsExactly("a,b", "c");
        assertThat(scheduled(h)).as("nothing left waiting, no check left").isZero();
        h.close();
    }

    @Test
    void refusesToRunWithoutTheOperatorThatChecksWhatWaits() throws Exception {
        var plain = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Batches()), Observation::subscriber, Types.STRING);
        org.assertj.core.api.Assertions.assertThatThrownBy(plain::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("InEventTimeOrderOperator");
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
        assertThat(scheduled(h)).isZero();
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
                f instanceof InEventTimeOrder<String> checked
                        ? new InEventTimeOrderOperator<>(checked)
                        : new KeyedProcessOperator<>(f),
                Observation::subscriber,
                Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** No keyed timer (an earlier version's) and no check scheduled. */
    private static int scheduled(KeyedOneInputStreamOperatorTestHarness<String, Observation, String> h) {
        return h.numProcessingTimeTimers()
                + h.numEventTimeTimers()
                + h.getProcessingTimeService().getNumActiveTimers();
    }

    /**
     * The version before this one's layout, as it wrote it: a key's wait (when it began, shifted left by one,
     * with whether it holds in the low bit) and its sessions by id in keyed state, its checks armed.
     */
    static final class KeyedStateWaiting extends KeyedProcessFunction<String, Observation, String> {
        private transient org.apache.flink.api.common.state.MapState<String, Observation> waiting;
        private transient org.apache.flink.api.common.state.ValueState<Long> wait;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            waiting = getRuntimeContext()
                    .getMapState(new org.apache.flink.api.common.state.MapStateDescriptor<>(
                            "waiting-sessions",
                            Types.STRING,
                            org.apache.flink.api.common.typeinfo.TypeInformation.of(Observation.class)));
            wait = getRuntimeContext()
                    .getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("wait", Types.LONG));
        }

        @Override
        public void processElement(Observation session, Context ctx, Collector<String> out) throws Exception {
            Long current = wait.value();
            long next = current == null ? ctx.timerService().currentProcessingTime() << 1 : current;
            if (current == null) {
                ctx.timerService().registerProcessingTimeTimer(InEventTimeOrder.MIN_WAIT.toMillis());
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
            if (session.at() <= ctx.timerService().currentWatermark()) {
                next |= 1;
            }
            wait.update(next);
            waiting.put(session.id(), session);
        }
    }

    /** Each earlier version's state layout. */
    private static final List<java.util.function.Supplier<KeyedProcessFunction<String, Observation, String>>> EARLIER =
            List.of(EarlierBatches::new, KeyedStateWaiting::new);

    /** What an earlier version holds: b ahead of the watermark, a behind it (holding the key), its check armed. */
    private static OperatorSubtaskState earlierVersionHolding(
            KeyedProcessFunction<String, Observation, String> earlier, StateBackend backend) throws Exception {
        var before = harness(earlier, backend);
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
        for (var earlier : EARLIER)
            for (StateBackend backend : backends()) {
                var after = restored(earlierVersionHolding(earlier.get(), backend), backend);
                after.setProcessingTime(1_000);
                send(after, at("c", 5)); // joins a and b, which still hold the key
                after.setProcessingTime(MAX_WAIT - 1);
                assertThat(after.extractOutputValues()).as(backend.getName()).isEmpty();
                after.setProcessingTime(MAX_WAIT);
                assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("c,a,b");
                assertThat(scheduled(after))
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
        for (var earlier : EARLIER)
            for (StateBackend backend : backends()) {
                var after = restored(earlierVersionHolding(earlier.get(), backend), backend);
                after.setProcessingTime(MAX_WAIT);
                assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("a,b");
                assertThat(scheduled(after)).as(backend.getName()).isZero();
                after.close();
            }
    }

    @Test
    void sessionsAnEarlierVersionHeldAreStillCheckedAfterAnUpgradeThatWasCheckpointedAgainBeforeTheirCheck()
            throws Exception {
        for (var earlier : EARLIER)
            for (StateBackend backend : backends()) {
                var upgraded = restored(earlierVersionHolding(earlier.get(), backend), backend);
                OperatorSubtaskState again = upgraded.snapshot(2, 2); // the earlier waits are still in keyed state
                upgraded.close();
                var after = restored(again, backend);
                after.setProcessingTime(MAX_WAIT);
                assertThat(after.extractOutputValues()).as(backend.getName()).containsExactly("a,b");
                after.close();
            }
    }

    private static List<StateBackend> backends() {
        return List.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    @Test
    void sessionsBeyondWhatTheHeapHoldsWaitInKeyedStateAndAreCheckedWithTheRest() throws Exception {
        for (StateBackend backend : backends()) {
            var h = harness(new Batches(2), backend);
            h.open();
            h.setProcessingTime(0);
            send(h, at("a", 3));
            send(h, at("b", 1)); // the heap is full
            send(h, at("c", 2));
            send(h, at("a", 3)); // again: it waits on the heap already
            send(h, at("c", 2)); // again, in keyed state
            send(h, at("d", 50));
            h.processWatermark(new Watermark(minute(10)));
            h.setProcessingTime(InEventTimeOrder.MIN_WAIT.toMillis());
            assertThat(h.extractOutputValues()).as(backend.getName()).containsExactly("b,c,a");
            h.processWatermark(new Watermark(minute(60)));
            h.setProcessingTime(2 * InEventTimeOrder.MIN_WAIT.toMillis());
            assertThat(h.extractOutputValues()).as(backend.getName()).containsExactly("b,c,a", "d");
            assertThat(scheduled(h)).as("nothing left waiting, no timer left").isZero();
            if (backend instanceof HashMapStateBackend) { // RocksDB does not count its entries
                assertThat(h.numKeyedStateEntries()).as("keyed state emptied").isZero();
            }
            h.close();
        }
    }

    @Test
    void whatWaitsGoesIntoTheCheckpointAndARestoreAtAnotherParallelismHandsEachInstanceItsKeys() throws Exception {
        for (StateBackend backend : backends()) {
            var before = new KeyedOneInputStreamOperatorTestHarness<>(
                    new InEventTimeOrderOperator<>(new Batches(5)), Observation::subscriber, Types.STRING, 128, 1, 0);
            before.setStateBackend(backend);
            before.open();
            before.setProcessingTime(0);
            List<String> expected = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) { // 16 sessions: 5 on the heap, 11 in keyed state
                send(before, at(k + "b", 2, "9197000000" + k));
                send(before, at(k + "a", 1, "9197000000" + k));
                expected.add(k + "a," + k + "b");
            }
            OperatorSubtaskState checkpoint = before.snapshot(1, 1);
            before.close();
            List<String> checked = new java.util.ArrayList<>();
            for (int index = 0; index < 2; index++) {
                var after = new KeyedOneInputStreamOperatorTestHarness<>(
                        new InEventTimeOrderOperator<>(new Batches(5)),
                        Observation::subscriber,
                        Types.STRING,
                        128,
                        2,
                        index);
                after.setStateBackend(backend);
                after.setProcessingTime(0);
                after.initializeState(
                        KeyedOneInputStreamOperatorTestHarness.repartitionOperatorState(checkpoint, 128, 1, 2, index));
                after.open();
                after.processWatermark(new Watermark(minute(10)));
                after.setProcessingTime(InEventTimeOrder.MIN_WAIT.toMillis());
                List<String> mine = after.extractOutputValues();
                assertThat(mine)
                        .as(backend.getName() + ": instance " + index + " has keys")
                        .isNotEmpty();
                checked.addAll(mine);
                after.close();
            }
            assertThat(checked).as(backend.getName()).containsExactlyInAnyOrderElementsOf(expected);
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
