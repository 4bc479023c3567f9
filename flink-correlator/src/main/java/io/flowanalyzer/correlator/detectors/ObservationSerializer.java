package io.flowanalyzer.correlator.detectors;

import io.flowanalyzer.correlator.serialization.Utf8Texts;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of an {@link Observation}: the record crosses three keyed shuffles and sits in the
 * state of three detectors, so it is written field by field in a fixed order (a bit per absent field, then
 * the fields; text as UTF-8 bytes) rather than by the reflective POJO serializer, which read and set each
 * of its 29 fields through reflection and encoded text a character at a time (a tenth of the job's time).
 * State written by the POJO serializer (versions before 2026-12-07) is read with it once and rewritten.
 */
public final class ObservationSerializer extends TypeSerializerSingleton<Observation> {
    private static final long serialVersionUID = 1L;
    public static final ObservationSerializer INSTANCE = new ObservationSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Observation createInstance() {
        return null;
    }

    @Override
    public Observation copy(Observation from) {
        return from;
    }

    @Override
    public Observation copy(Observation from, Observation reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Observation o, DataOutputView out) throws IOException {
        Object[] nullable = {
            o.id(), o.subscriber(), o.imei(), o.destinationIp(), o.destinationPort(), o.cellId(), o.lat(), o.lon(),
            o.sim(), o.simSwap(), o.simSwapScore(), o.msisdn(), o.imsi(), o.subscriberId(), o.name(), o.app(),
            o.category(), o.isp(), o.feed(), o.method(), o.flags(), o.deliveryId(), o.deliveryLine(), o.fileSha256()
        };
        int absent = 0;
        for (int i = 0; i < nullable.length; i++) {
            if (nullable[i] == null) {
                absent |= 1 << i;
            }
        }
        out.writeInt(absent);
        out.writeLong(o.at());
        out.writeLong(o.bytes());
        out.writeLong(o.end());
        out.writeLong(o.up());
        out.writeLong(o.down());
        for (Object value : nullable) {
            if (value instanceof String s) {
                Utf8Texts.write(s, out);
            } else if (value instanceof Integer n) {
                out.writeInt(n);
            } else if (value instanceof Double d) {
                out.writeDouble(d);
            } else if (value instanceof Long n) {
                out.writeLong(n);
            }
        }
    }

    @Override
    public Observation deserialize(DataInputView in) throws IOException {
        int absent = in.readInt();
        long at = in.readLong();
        long bytes = in.readLong();
        long end = in.readLong();
        long up = in.readLong();
        long down = in.readLong();
        Fields f = new Fields(absent, in);
        return new Observation(
                f.text(),
                at,
                f.text(),
                f.text(),
                bytes,
                end,
                up,
                down,
                f.text(),
                f.integer(),
                f.text(),
                f.decimal(),
                f.decimal(),
                f.text(),
                f.text(),
                f.decimal(),
                f.text(),
                f.text(),
                f.text(),
                f.text(),
                f.kept(), // app
                f.kept(), // category
                f.kept(), // isp
                f.kept(), // feed
                f.kept(), // method
                f.text(),
                f.kept(), // delivery
                f.whole(),
                f.kept()); // file hash
    }

    /** Reads the nullable fields in order, each absent when its bit says so. */
    private static final class Fields {
        private final int absent;
        private final DataInputView in;
        private final Reading reading = READING.get();
        private int next;

        Fields(int absent, DataInputView in) {
            this.absent = absent;
            this.in = in;
        }

        private boolean present() {
            return (absent & (1 << next++)) == 0;
        }

        String text() throws IOException {
            return present() ? read(-1) : null;
        }

        /** A text that mostly repeats from one session to the next ({@link Reading}). */
        String kept() throws IOException {
            int field = next;
            return present() ? read(field) : null;
        }

        /** The next text; for a kept field (its number, below 32) the last one read for it when the bytes match. */
        private String read(int kept) throws IOException {
            int length = Utf8Texts.readLength(in);
            if (Utf8Texts.inCharacters(length)) {
                return StringValue.readString(in);
            }
            int size = Utf8Texts.bytes(length);
            byte[] scratch = reading.scratch;
            if (scratch.length < size) {
                scratch = reading.scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            in.readFully(scratch, 0, size);
            if (kept < 0) {
                return new String(scratch, 0, size, StandardCharsets.UTF_8);
            }
            byte[] last = reading.keptBytes[kept];
            if (last != null && Arrays.equals(last, 0, last.length, scratch, 0, size)) {
                return reading.keptTexts[kept];
            }
            String text = new String(scratch, 0, size, StandardCharsets.UTF_8);
            reading.keptBytes[kept] = Arrays.copyOf(scratch, size);
            reading.keptTexts[kept] = text;
            return text;
        }

        Integer integer() throws IOException {
            return present() ? in.readInt() : null;
        }

        Double decimal() throws IOException {
            return present() ? in.readDouble() : null;
        }

        Long whole() throws IOException {
            return present() ? in.readLong() : null;
        }
    }

    @Override
    public Observation deserialize(Observation reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /**
     * What a thread reads texts with (the serializer is shared, so holds none itself), fetched once a record:
     * a buffer for a text's bytes, and the last text of each field that mostly repeats from one session to
     * the next (a delivery's id and file hash, its ISP and feed, the app) with its bytes. While they match,
     * the same text is handed out again: sessions waiting for the detectors share one copy, not one each.
     */
    private static final class Reading {
        byte[] scratch = new byte[256];
        final String[] keptTexts = new String[32];
        final byte[][] keptBytes = new byte[32][];
    }

    private static final ThreadLocal<Reading> READING = ThreadLocal.withInitial(Reading::new);

    @Override
    public TypeSerializerSnapshot<Observation> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of the serializer; it reads what the POJO serializer wrote before it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Observation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Observation> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Observation> previous) {
            if (previous instanceof PojoSerializerSnapshot<Observation>) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(previous);
        }
    }

    /** Gives {@link Observation} this serializer wherever Flink meets it: on the wire and in state. */
    public static final class TypeInfo extends TypeInformation<Observation> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<Observation> getTypeClass() {
            return Observation.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<Observation> createSerializer(SerializerConfig config) {
            return INSTANCE;
        }

        @Override
        public String toString() {
            return "Observation";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TypeInfo;
        }

        @Override
        public int hashCode() {
            return TypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object other) {
            return other instanceof TypeInfo;
        }
    }

    /** Named on {@link Observation} by {@code @TypeInfo}. */
    public static final class Factory extends TypeInfoFactory<Observation> {
        @Override
        public TypeInformation<Observation> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new TypeInfo();
        }
    }
}
