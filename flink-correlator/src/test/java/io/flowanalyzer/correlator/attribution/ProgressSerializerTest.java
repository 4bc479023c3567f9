package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ProgressSerializerTest {
    private static final ProgressSerializer SERIALIZER = ProgressSerializer.INSTANCE;

    @Test
    void readsBackEveryShapeOfProgressItWrites() throws Exception {
        Random random = new Random(20261208);
        for (int i = 0; i < 2_000; i++) {
            Verdict.Progress p = progress(random);
            assertThat(roundTrip(SERIALIZER, SERIALIZER, p))
                    .as("progress %d", i)
                    .isEqualTo(p);
        }
    }

    @Test
    void whatThePojoSerializerWroteIsReadAndMigrated() throws Exception {
        TypeSerializer<Verdict.Progress> earlier =
                TypeInformation.of(Verdict.Progress.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer kept = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(kept, earlier.snapshotConfiguration());
        TypeSerializerSnapshot<Verdict.Progress> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(kept.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<Verdict.Progress> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        Random random = new Random(8);
        for (int i = 0; i < 200; i++) {
            Verdict.Progress p = progress(random);
            Verdict.Progress read = roundTrip(earlier, restored.restoreSerializer(), p);
            assertThat(roundTrip(SERIALIZER, SERIALIZER, read)).isEqualTo(p);
        }
        // and its own snapshot, restored, is compatible as it is
        assertThat(SERIALIZER
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(SERIALIZER.snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
    }

    /** Keeps one progress under the verdict's state name, written with the given type information. */
    static final class Holding
            extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, String, Verdict.Progress> {
        private final boolean earlier;
        private final Verdict.Progress value;
        private transient org.apache.flink.api.common.state.ValueState<Verdict.Progress> progress;

        Holding(boolean earlier, Verdict.Progress value) {
            this.earlier = earlier;
            this.value = value;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            progress = getRuntimeContext()
                    .getState(
                            earlier
                                    ? new org.apache.flink.api.common.state.ValueStateDescriptor<>(
                                            "progress", TypeInformation.of(Verdict.Progress.class))
                                    : new org.apache.flink.api.common.state.ValueStateDescriptor<>(
                                            "progress", ProgressSerializer.INSTANCE));
        }

        @Override
        public void processElement(String key, Context ctx, org.apache.flink.util.Collector<Verdict.Progress> out)
                throws Exception {
            if (value != null) {
                progress.update(value);
            }
            out.collect(progress.value());
        }
    }

    private static org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<
                    String, String, Verdict.Progress>
            harness(Holding f, org.apache.flink.runtime.state.StateBackend backend) throws Exception {
        var h = new org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(f),
                (String k) -> k,
                org.apache.flink.api.common.typeinfo.Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    @Test
    void aSessionsProgressInAnEarlierVersionsCheckpointIsReadAfterAnUpgrade() throws Exception {
        Verdict.Progress p = progress(new Random(3));
        for (var backend : List.of(
                new org.apache.flink.runtime.state.hashmap.HashMapStateBackend(),
                new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend())) {
            var before = harness(new Holding(true, p), backend);
            before.open();
            before.processElement("s-1", 1);
            var checkpoint = before.snapshot(1, 1);
            before.close();
            var after = harness(new Holding(false, null), backend);
            after.initializeState(checkpoint);
            after.open();
            after.processElement("s-1", 2);
            after.processElement("s-2", 3);
            assertThat(after.extractOutputValues())
                    .as(backend.getClass().getSimpleName())
                    .containsExactly(p, null);
            after.close();
        }
    }

    private static Verdict.Progress roundTrip(
            TypeSerializer<Verdict.Progress> writer, TypeSerializer<Verdict.Progress> reader, Verdict.Progress p)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        writer.serialize(p, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Verdict.Progress read = reader.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return read;
    }

    private static Verdict.Progress progress(Random r) {
        TreeMap<Integer, LookupAnswer> answers = new TreeMap<>();
        int count = r.nextInt(4);
        for (int i = 0; i < count; i++) {
            answers.put(i, answer(r, i, count));
        }
        return new Verdict.Progress(
                r.nextInt(5) - 1,
                count,
                answers,
                r.nextBoolean(),
                text(r),
                r.nextLong(),
                text(r),
                r.nextInt(3) == 0
                        ? null
                        : new SessionRecord.AParty(text(r), text(r), text(r), text(r), text(r), text(r), text(r)),
                texts(r));
    }

    private static LookupAnswer answer(Random r, int index, int total) {
        List<AttributionRules.Candidate> candidates = null;
        if (r.nextInt(5) > 0) {
            candidates = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                candidates.add(new AttributionRules.Candidate(
                        r.nextBoolean() ? AttributionRules.NAT : AttributionRules.RADIUS,
                        r.nextInt(4) == 0
                                ? null
                                : new BindingEvent.Subscriber(text(r), text(r), text(r), text(r), text(r)),
                        text(r),
                        text(r),
                        r.nextBoolean() ? null : r.nextInt(65_536),
                        r.nextBoolean()
                                ? null
                                : Instant.ofEpochSecond(1_700_000_000L + r.nextInt(1 << 20), r.nextInt(1_000_000_000)),
                        r.nextBoolean() ? null : Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt()),
                        r.nextBoolean(),
                        r.nextBoolean(),
                        texts(r)));
            }
        }
        return new LookupAnswer(text(r), r.nextInt(3), index, total, texts(r), candidates);
    }

    private static final List<String> TEXTS = Arrays.asList(
            "",
            "sub-17",
            "919876543210",
            "100.64.3.7",
            "nat:5c1e…",
            "Łódź ✓",
            "emoji 😀",
            "lone \ud800 surrogate",
            "{\"ipdr\":{\"a_party\":null}}",
            "x".repeat(300));

    private static String text(Random r) {
        return r.nextInt(4) == 0 ? null : TEXTS.get(r.nextInt(TEXTS.size()));
    }

    private static List<String> texts(Random r) {
        if (r.nextInt(4) == 0) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            values.add(text(r));
        }
        return values;
    }
}
