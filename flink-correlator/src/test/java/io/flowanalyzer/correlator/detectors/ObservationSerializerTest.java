package io.flowanalyzer.correlator.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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

class ObservationSerializerTest {
    private static final ObservationSerializer SERIALIZER = ObservationSerializer.INSTANCE;

    static Observation full(String id, String name) {
        return new Observation(
                id,
                1_732_350_000_123L,
                "msisdn:919876543210",
                "356938035643809",
                1_234_567L,
                1_732_350_060_000L,
                234_567L,
                1_000_000L,
                "157.240.1.35",
                443,
                "404-45-1201-33",
                12.9716,
                77.5946,
                "MSISDN 919876543210",
                "handset IMEI 356938035643809 now carries MSISDN 919876543210; its last 12 sessions were with …",
                0.8,
                "919876543210",
                "404451234567890",
                "sub-7",
                name,
                "WhatsApp",
                "messaging",
                "acme",
                "inbox",
                "nat",
                "[{\"type\":\"watchlist\",\"reason\":\"x\",\"score\":0.9}]",
                "d-1",
                42L,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    static Observation sparse() {
        return new Observation(
                null, -1L, null, null, -1L, 0L, -1L, -1L, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Observation roundTrip(
            TypeSerializer<Observation> writer, TypeSerializer<Observation> reader, Observation o) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        writer.serialize(o, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Observation back = reader.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return back;
    }

    @Test
    void everyFieldComesBackAsItWasWritten() throws Exception {
        for (Observation o : List.of(
                full("s-1", "Asha Rao"),
                sparse(),
                full("s-2", "आशा राव"), // Devanagari: UTF-8 of three bytes a character
                full("s-3", "emoji \uD83D\uDCF1 and a question?"),
                full("s-4", "a lone surrogate \uD800 kept as it is"),
                full("s-5", "?".repeat(300)), // a length over 127 takes two bytes
                full("s-6", ""))) {
            assertThat(roundTrip(SERIALIZER, SERIALIZER, o)).isEqualTo(o);
        }
        assertThat(roundTrip(SERIALIZER, SERIALIZER, full("s-4", "x\uD800y")).name())
                .isEqualTo("x\uD800y");
    }

    @Test
    void aDeliverysRepeatedTextsAreReadIntoOneSharedCopyUntilTheyChange() throws Exception {
        Observation first = roundTrip(SERIALIZER, SERIALIZER, full("s-1", "Asha Rao"));
        Observation second = roundTrip(SERIALIZER, SERIALIZER, full("s-2", "Asha Rao"));
        assertThat(second.fileSha256()).isSameAs(first.fileSha256());
        assertThat(second.deliveryId()).isSameAs(first.deliveryId());
        assertThat(second.isp()).isSameAs(first.isp());
        assertThat(second.id()).isEqualTo("s-2");
        Observation other = full("s-3", "Asha Rao");
        other = new Observation(
                other.id(),
                other.at(),
                other.subscriber(),
                other.imei(),
                other.bytes(),
                other.end(),
                other.up(),
                other.down(),
                other.destinationIp(),
                other.destinationPort(),
                other.cellId(),
                other.lat(),
                other.lon(),
                other.sim(),
                other.simSwap(),
                other.simSwapScore(),
                other.msisdn(),
                other.imsi(),
                other.subscriberId(),
                other.name(),
                other.app(),
                other.category(),
                "acm",
                "inbox-2",
                other.method(),
                other.flags(),
                "d-2",
                7L,
                "0".repeat(64));
        assertThat(roundTrip(SERIALIZER, SERIALIZER, other)).isEqualTo(other); // "acm": a prefix of the kept "acme"
        assertThat(roundTrip(SERIALIZER, SERIALIZER, sparse())).isEqualTo(sparse());
        assertThat(roundTrip(SERIALIZER, SERIALIZER, first)).isEqualTo(first);
    }

    @Test
    void flinkGivesObservationsThisSerializerWhereverItMeetsThem() {
        assertThat(TypeInformation.of(Observation.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(SERIALIZER);
        assertThat(Types.LIST(TypeInformation.of(Observation.class))
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(Types.LIST(TypeInformation.of(Observation.class))
                                .createSerializer(new SerializerConfigImpl())
                                .snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
    }

    /** The type information versions before 2026-12-07 had for an observation: Flink's reflective POJO. */
    static PojoTypeInfo<Observation> earlierPojo() {
        List<PojoField> fields = new ArrayList<>();
        for (Field f : Observation.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(new PojoField(f, TypeInformation.of(f.getType())));
            }
        }
        return new PojoTypeInfo<>(Observation.class, fields);
    }

    @Test
    void whatThePojoSerializerWroteIsReadAndMigrated() throws Exception {
        TypeSerializer<Observation> earlier = earlierPojo().createSerializer(new SerializerConfigImpl());
        // the snapshot as a checkpoint keeps it, and as a restore reads it
        DataOutputSerializer kept = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(kept, earlier.snapshotConfiguration());
        TypeSerializerSnapshot<Observation> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(kept.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<Observation> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        for (Observation o : List.of(full("s-1", "Asha Rao"), sparse())) {
            Observation read = roundTrip(earlier, restored.restoreSerializer(), o);
            assertThat(roundTrip(SERIALIZER, SERIALIZER, read)).isEqualTo(o);
        }
    }

    /** Holds observations as an earlier {@link InEventTimeOrder} did: in "waiting", by the POJO serializer. */
    static final class EarlierWaiting extends KeyedProcessFunction<String, Observation, Observation> {
        private transient MapState<Long, List<Observation>> waiting;
        private transient ValueState<Long> waitingSince;

        @Override
        public void open(OpenContext context) {
            waiting = getRuntimeContext()
                    .getMapState(new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(earlierPojo())));
            waitingSince = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-since", Types.LONG));
        }

        @Override
        public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
            List<Observation> at = waiting.get(o.at());
            List<Observation> next = at == null ? new ArrayList<>() : new ArrayList<>(at);
            next.add(o);
            waiting.put(o.at(), next);
            waitingSince.update(0L);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness(
            KeyedProcessFunction<String, Observation, Observation> f, StateBackend backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                f instanceof SimSwap swap ? new InEventTimeOrderOperator<>(swap) : new KeyedProcessOperator<>(f),
                Observation::imei,
                Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    @Test
    void sessionsWaitingInAnEarlierVersionsStateComeOutOfTheHandsetDetector() throws Exception {
        for (StateBackend backend : List.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend())) {
            List<Observation> held = List.of(
                    full("s-1", "Asha Rao"),
                    new Observation(
                            "s-2",
                            1_732_350_000_123L,
                            "msisdn:1",
                            "356938035643809",
                            5,
                            6,
                            7,
                            8,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "MSISDN 1",
                            null,
                            null,
                            "1",
                            null,
                            null,
                            "आशा",
                            null,
                            null,
                            "acme",
                            "inbox",
                            "direct",
                            null,
                            null,
                            null,
                            null));
            var before = harness(new EarlierWaiting(), backend);
            before.open();
            for (Observation o : held) {
                before.processElement(new StreamRecord<>(o, o.at()));
            }
            OperatorSubtaskState checkpoint = before.snapshot(1, 1);
            before.close();

            var after = harness(new SimSwap(DetectorSettings.defaults()), backend);
            after.initializeState(checkpoint);
            after.open();
            after.processWatermark(new Watermark(Long.MAX_VALUE)); // the end of the input checks what waits
            assertThat(after.extractOutputValues()).as(backend.getName()).containsExactlyElementsOf(held);
            // and what the new version writes now, it reads back
            OperatorSubtaskState again = after.snapshot(2, 2);
            after.close();
            var third = harness(new SimSwap(DetectorSettings.defaults()), backend);
            third.initializeState(again);
            third.open();
            third.processElement(new StreamRecord<>(full("s-3", "Asha Rao"), 1_732_350_000_123L));
            third.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(third.extractOutputValues()).extracting(Observation::id).containsExactly("s-3");
            third.close();
        }
    }
}
