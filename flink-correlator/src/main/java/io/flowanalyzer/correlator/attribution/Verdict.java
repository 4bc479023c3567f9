package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.correlator.alerts.SessionAlerts;
import io.flowanalyzer.correlator.enrichment.ReferenceFeed;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last step of attribution, keyed by session id: it collects the answers to the session's latest
 * look (older looks are ignored), counts the people they name, and writes the session — attributed
 * ({@code nat} or {@code radius}) with its subscriber and evidence, {@code ambiguous} with every
 * candidate, or {@code pending} while it waits for late evidence and {@code unresolved} after the
 * allowed lateness. The first write is the whole document; a later change (late evidence, the lateness
 * passing) is a partial update of the same document, so the session is never duplicated.
 */
public class Verdict extends KeyedCoProcessFunction<String, SessionRecord, LookupAnswer, IndexAction> {
    private final IndexLayout layout;
    private final long latenessMillis;
    private final long retentionMillis;
    private final ReferenceFeed reference;
    /** Which sessions links hold (relay sessions), or null when the job looks for no links. */
    private final io.flowanalyzer.correlator.links.LinkSettings links;

    private transient ReferenceFeed.Handle referenceData;

    private transient ValueState<SessionRecord> document;
    private transient ValueState<Progress> progress;

    /**
     * What is known of one session: the look the answers belong to and how many it asked, the answers by
     * position, whether the document is written and what its attribution says, when waiting ends, where
     * the document lives and what its A-party said before attribution.
     */
    public record Progress(
            int generation,
            int total,
            TreeMap<Integer, LookupAnswer> answers,
            boolean written,
            String writtenSignature,
            long deadline,
            String index,
            SessionRecord.AParty original,
            List<String> alerts) {
        Progress withAnswer(LookupAnswer a) {
            TreeMap<Integer, LookupAnswer> next =
                    a.generation() > generation ? new TreeMap<>() : new TreeMap<>(answers);
            next.put(a.index(), a);
            return new Progress(
                    Math.max(a.generation(), generation),
                    a.total(),
                    next,
                    written,
                    writtenSignature,
                    deadline,
                    index,
                    original,
                    alerts);
        }

        Progress writing(String signature, List<String> firings) {
            return new Progress(generation, total, answers, true, signature, deadline, index, original, firings);
        }

        /** Nothing known yet. */
        static Progress none(long deadline) {
            return new Progress(-1, 0, new TreeMap<>(), false, null, deadline, null, null, List.of());
        }

        boolean complete() {
            return total > 0 && answers.size() >= total;
        }
    }

    /**
     * An attributed session that links hold changed attribution: the links it made follow (side output
     * of the verdict).
     */
    public static final org.apache.flink.util.OutputTag<io.flowanalyzer.correlator.links.Reattributed> REATTRIBUTED =
            new org.apache.flink.util.OutputTag<>("reattributed") {};

    /** {@code reference}: the subscriber directory fills in who an attributed subscriber is. */
    public Verdict(IndexLayout layout, Duration allowedLateness, Duration retention, ReferenceFeed reference) {
        this(layout, allowedLateness, retention, reference, null);
    }

    /**
     * {@code links}: an attributed relay session is kept (for the retention) so that a later change of its
     * attribution reaches the links it made.
     */
    public Verdict(
            IndexLayout layout,
            Duration allowedLateness,
            Duration retention,
            ReferenceFeed reference,
            io.flowanalyzer.correlator.links.LinkSettings links) {
        this.layout = layout;
        this.latenessMillis = allowedLateness.toMillis();
        this.retentionMillis = retention.toMillis();
        this.reference = reference;
        this.links = links;
    }

    @Override
    public void open(OpenContext context) {
        referenceData = reference.open();
        document = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("document", TypeInformation.of(SessionRecord.class)));
        progress = getRuntimeContext().getState(new ValueStateDescriptor<>("progress", ProgressSerializer.INSTANCE));
    }

    @Override
    public void processElement1(SessionRecord session, Context ctx, Collector<IndexAction> out) throws Exception {
        Progress p = progress.value();
        if (p != null && p.written()) {
            return; // delivered again: the same record, already written; the new look may update it
        }
        long now = ctx.timerService().currentProcessingTime();
        document.update(session);
        if (p == null) {
            p = Progress.none(0);
        }
        p = new Progress(
                p.generation(),
                p.total(),
                p.answers(),
                false,
                null,
                now + latenessMillis,
                layout.sessionsIndexFor(session.timestamp()),
                session.ipdr() == null ? null : session.ipdr().aParty(),
                List.of());
        progress.update(p);
        ctx.timerService().registerProcessingTimeTimer(p.deadline());
        ctx.timerService().registerProcessingTimeTimer(now + retentionMillis);
        write(p, now, ctx, out);
    }

    @Override
    public void processElement2(LookupAnswer answer, Context ctx, Collector<IndexAction> out) throws Exception {
        Progress p = progress.value();
        long now = ctx.timerService().currentProcessingTime();
        if (p == null) {
            // the answer outran its session: keep it until the session comes (or the retention ends)
            p = Progress.none(now + latenessMillis);
            ctx.timerService().registerProcessingTimeTimer(now + retentionMillis);
        }
        if (answer.generation() < p.generation()) {
            return;
        }
        p = p.withAnswer(answer);
        progress.update(p);
        write(p, now, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        Progress p = progress.value();
        if (p == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        long expires = p.deadline() - latenessMillis + retentionMillis;
        if (timestamp >= expires) {
            progress.clear(); // the retention is over: late evidence no longer changes this session
            document.clear();
            return;
        }
        write(p, now, ctx, out);
    }

    @Override
    public void close() {
        if (referenceData != null) {
            referenceData.close();
        }
    }

    /** {@link #write} with the context's side outputs: the detectors', and links' for a change of attribution. */
    private void write(Progress p, long now, Context ctx, Collector<IndexAction> out) throws Exception {
        write(
                p,
                now,
                ctx.getCurrentKey(),
                out,
                s -> ctx.output(AttributionRouting.TO_DETECT, s),
                r -> ctx.output(REATTRIBUTED, r));
    }

    /** Writes the document once every answer of the latest look is in, and again whenever its attribution changes. */
    private void write(
            Progress p,
            long now,
            String key,
            Collector<IndexAction> out,
            java.util.function.Consumer<io.flowanalyzer.correlator.detectors.Observation> detect,
            java.util.function.Consumer<io.flowanalyzer.correlator.links.Reattributed> relink)
            throws Exception {
        // past the deadline a session is written with what is known, even if an answer never came
        if (p.index() == null || !p.complete() && (p.written() || now < p.deadline())) {
            return;
        }
        SessionRecord.Attribution attribution = attribution(p, now);
        SessionRecord.AParty party =
                SessionEnrichment.withDirectory(party(p.original(), attribution), referenceData.current());
        byte[] partial = RecordJson.attributionUpdate(party, attribution);
        String signature = new String(partial, java.nio.charset.StandardCharsets.UTF_8);
        if (!p.written()) {
            SessionRecord doc = document.value();
            if (doc == null) {
                return;
            }
            SessionRecord written = Attributed.with(doc, party, attribution);
            byte[] json = RecordJson.toBytes(written);
            out.collect(new IndexAction(p.index(), doc.id(), json));
            SessionAlerts.firings(written, p.index()).forEach(out::collect);
            if (toDetectors(written, party, attribution, detect) && !heldByLinks(doc)) {
                document.clear();
            } // else the record is kept until a late attribution names someone (or the retention ends)
            progress.update(p.writing(signature, SessionAlerts.ids(written)));
        } else if (!signature.equals(p.writtenSignature())) {
            out.collect(IndexAction.update(p.index(), key, partial));
            // the session's firings name whom it is attributed to now
            SessionAlerts.attributed(p.alerts(), party, attribution).forEach(out::collect);
            SessionRecord doc = document.value();
            if (doc != null && handedOn(p.writtenSignature())) {
                // links made with whom it named before follow: written again, or withdrawn
                SessionRecord current = Attributed.with(doc, party, attribution);
                relink.accept(new io.flowanalyzer.correlator.links.Reattributed(
                        doc.id(),
                        doc.destination() == null ? null : doc.destination().ip(),
                        doc.timestamp().toEpochMilli(),
                        doc.ipdr() == null || doc.ipdr().bParty() == null
                                ? null
                                : doc.ipdr().bParty().category(),
                        handedOn(attribution) ? io.flowanalyzer.correlator.detectors.Observation.of(current) : null));
            } else if (doc != null
                    && toDetectors(Attributed.with(doc, party, attribution), party, attribution, detect)
                    && !heldByLinks(doc)) {
                document.clear(); // attributed late: the detectors see it now, once
            }
            progress.update(p.writing(signature, p.alerts()));
        }
    }

    /** Whether an attribution names the one subscriber the detectors and links were handed. */
    private static boolean handedOn(SessionRecord.Attribution attribution) {
        return AttributionRules.NAT.equals(attribution.method())
                || AttributionRules.RADIUS.equals(attribution.method());
    }

    /** Whether the session was written attributed (so handed on), from the part of the document last written. */
    private static boolean handedOn(String writtenSignature) {
        try {
            String method = RecordJson.mapper()
                    .readTree(writtenSignature)
                    .at("/ipdr/attribution/method")
                    .asText(null);
            return AttributionRules.NAT.equals(method) || AttributionRules.RADIUS.equals(method);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Whether links hold this session: a relay session, when the job looks for links. */
    private boolean heldByLinks(SessionRecord doc) {
        return links != null
                && links.enabled()
                && doc.destination() != null
                && doc.destination().ip() != null
                && doc.ipdr() != null
                && doc.ipdr().bParty() != null
                && links.relays(doc.ipdr().bParty().category());
    }

    /** Hands an attributed session to the detectors; false when it names nobody yet. */
    private static boolean toDetectors(
            SessionRecord session,
            SessionRecord.AParty party,
            SessionRecord.Attribution attribution,
            java.util.function.Consumer<io.flowanalyzer.correlator.detectors.Observation> detect) {
        if (party == null
                || !(AttributionRules.NAT.equals(attribution.method())
                        || AttributionRules.RADIUS.equals(attribution.method()))) {
            return false;
        }
        io.flowanalyzer.correlator.detectors.Observation observation =
                io.flowanalyzer.correlator.detectors.Observation.of(session);
        if (observation != null) {
            detect.accept(observation);
        }
        return true;
    }

    static SessionRecord.Attribution attribution(Progress p, long now) {
        List<AttributionRules.Candidate> candidates = new ArrayList<>();
        LinkedHashSet<String> translationEvidence = new LinkedHashSet<>();
        for (LookupAnswer a : p.answers().values()) {
            candidates.addAll(a.candidates());
            translationEvidence.addAll(a.translationEvidence());
        }
        int people = AttributionRules.people(
                candidates.stream().map(AttributionRules.Candidate::subscriber).toList());
        LinkedHashSet<String> evidence = new LinkedHashSet<>();
        candidates.forEach(c -> evidence.addAll(c.evidence()));
        if (people == 1) {
            return new SessionRecord.Attribution(
                    candidates.get(0).method(), List.copyOf(evidence), null, List.copyOf(candidates));
        }
        if (people > 1) {
            return new SessionRecord.Attribution(
                    AttributionRules.AMBIGUOUS,
                    List.copyOf(evidence),
                    AttributionRules.identifiers(candidates),
                    List.copyOf(candidates));
        }
        return new SessionRecord.Attribution(
                now < p.deadline() ? AttributionRules.PENDING : AttributionRules.UNRESOLVED,
                translationEvidence.isEmpty() ? null : List.copyOf(translationEvidence),
                null,
                null);
    }

    /** The A-party the record names, with the attributed subscriber's identifiers when there is one. */
    static SessionRecord.AParty party(SessionRecord.AParty original, SessionRecord.Attribution attribution) {
        boolean attributed = AttributionRules.NAT.equals(attribution.method())
                || AttributionRules.RADIUS.equals(attribution.method());
        if (!attributed) {
            return original;
        }
        BindingEvent.Subscriber s = AttributionRules.merged(attribution.detail());
        return new SessionRecord.AParty(
                s.subscriberId(),
                s.msisdn(),
                s.imsi(),
                s.imei(),
                s.deviceId(),
                original == null ? null : original.name());
    }
}
