package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.correlator.serialization.Utf8Texts;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of what the verdict knows of a session ({@link Verdict.Progress}), which it reads and
 * writes in keyed state two or three times a session: field by field in a fixed order, text as UTF-8. The
 * reflective POJO serializer handed the answers' map and every list to Kryo, a quarter of the verdict's time.
 * State written by the POJO serializer (versions before 2026-12-08) is read with it once and rewritten.
 *
 * <p>The verdict never changes a progress it holds (each step makes a new one), so a copy is the same object.
 */
public final class ProgressSerializer extends TypeSerializerSingleton<Verdict.Progress> {
    private static final long serialVersionUID = 1L;
    public static final ProgressSerializer INSTANCE = new ProgressSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Verdict.Progress createInstance() {
        return null;
    }

    @Override
    public Verdict.Progress copy(Verdict.Progress from) {
        return from;
    }

    @Override
    public Verdict.Progress copy(Verdict.Progress from, Verdict.Progress reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Verdict.Progress p, DataOutputView out) throws IOException {
        out.writeInt(p.generation());
        out.writeInt(p.total());
        if (p.answers() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(p.answers().size());
            for (var e : p.answers().entrySet()) {
                out.writeInt(e.getKey());
                answer(e.getValue(), out);
            }
        }
        out.writeBoolean(p.written());
        text(p.writtenSignature(), out);
        out.writeLong(p.deadline());
        text(p.index(), out);
        SessionRecord.AParty a = p.original();
        out.writeBoolean(a != null);
        if (a != null) {
            text(a.subscriberId(), out);
            text(a.msisdn(), out);
            text(a.imsi(), out);
            text(a.imei(), out);
            text(a.deviceId(), out);
            text(a.name(), out);
            text(a.address(), out);
        }
        texts(p.alerts(), out);
    }

    @Override
    public Verdict.Progress deserialize(DataInputView in) throws IOException {
        int generation = in.readInt();
        int total = in.readInt();
        int count = in.readInt();
        TreeMap<Integer, LookupAnswer> answers = null;
        if (count >= 0) {
            answers = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int key = in.readInt();
                answers.put(key, answer(in));
            }
        }
        boolean written = in.readBoolean();
        String signature = text(in);
        long deadline = in.readLong();
        String index = text(in);
        SessionRecord.AParty original = in.readBoolean()
                ? new SessionRecord.AParty(text(in), text(in), text(in), text(in), text(in), text(in), text(in))
                : null;
        return new Verdict.Progress(
                generation, total, answers, written, signature, deadline, index, original, texts(in));
    }

    @Override
    public Verdict.Progress deserialize(Verdict.Progress reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void answer(LookupAnswer a, DataOutputView out) throws IOException {
        out.writeBoolean(a != null);
        if (a == null) {
            return;
        }
        text(a.sessionId(), out);
        out.writeInt(a.generation());
        out.writeInt(a.index());
        out.writeInt(a.total());
        texts(a.translationEvidence(), out);
        List<AttributionRules.Candidate> candidates = a.candidates();
        out.writeInt(candidates == null ? -1 : candidates.size());
        if (candidates != null) {
            for (AttributionRules.Candidate c : candidates) {
                candidate(c, out);
            }
        }
    }

    private static LookupAnswer answer(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String sessionId = text(in);
        int generation = in.readInt();
        int index = in.readInt();
        int total = in.readInt();
        List<String> evidence = texts(in);
        int count = in.readInt();
        List<AttributionRules.Candidate> candidates = null;
        if (count >= 0) {
            candidates = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                candidates.add(candidate(in));
            }
        }
        return new LookupAnswer(sessionId, generation, index, total, evidence, candidates);
    }

    private static void candidate(AttributionRules.Candidate c, DataOutputView out) throws IOException {
        out.writeBoolean(c != null);
        if (c == null) {
            return;
        }
        text(c.method(), out);
        BindingEvent.Subscriber s = c.subscriber();
        out.writeBoolean(s != null);
        if (s != null) {
            text(s.subscriberId(), out);
            text(s.msisdn(), out);
            text(s.imsi(), out);
            text(s.imei(), out);
            text(s.deviceId(), out);
        }
        text(c.isp(), out);
        text(c.privateIp(), out);
        out.writeBoolean(c.privatePort() != null);
        if (c.privatePort() != null) {
            out.writeInt(c.privatePort());
        }
        instant(c.from(), out);
        instant(c.to(), out);
        out.writeBoolean(c.startKnown());
        out.writeBoolean(c.endKnown());
        texts(c.evidence(), out);
    }

    private static AttributionRules.Candidate candidate(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String method = text(in);
        BindingEvent.Subscriber subscriber =
                in.readBoolean() ? new BindingEvent.Subscriber(text(in), text(in), text(in), text(in), text(in)) : null;
        String isp = text(in);
        String privateIp = text(in);
        Integer privatePort = in.readBoolean() ? in.readInt() : null;
        Instant from = instant(in);
        Instant to = instant(in);
        boolean startKnown = in.readBoolean();
        boolean endKnown = in.readBoolean();
        return new AttributionRules.Candidate(
                method, subscriber, isp, privateIp, privatePort, from, to, startKnown, endKnown, texts(in));
    }

    private static void instant(Instant at, DataOutputView out) throws IOException {
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        }
    }

    private static Instant instant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void text(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            Utf8Texts.write(s, out);
        }
    }

    private static String text(DataInputView in) throws IOException {
        return in.readBoolean() ? Utf8Texts.read(in) : null;
    }

    /** A list of texts, null elements kept; -1 for no list. */
    private static void texts(List<String> values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.size());
        if (values != null) {
            for (String v : values) {
                text(v, out);
            }
        }
    }

    private static List<String> texts(DataInputView in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            return null;
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(text(in));
        }
        return values;
    }

    @Override
    public TypeSerializerSnapshot<Verdict.Progress> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of the serializer; it reads what the POJO (or Kryo) serializer wrote before it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Verdict.Progress> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Verdict.Progress> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Verdict.Progress> previous) {
            if (previous instanceof PojoSerializerSnapshot<Verdict.Progress>
                    || previous instanceof KryoSerializerSnapshot<Verdict.Progress>) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(previous);
        }
    }
}
