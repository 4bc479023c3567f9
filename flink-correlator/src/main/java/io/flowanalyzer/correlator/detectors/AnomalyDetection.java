package io.flowanalyzer.correlator.detectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.alerts.SessionAlerts;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The detectors for one subscriber (the key), in event-time order: a session waits until the watermark
 * passes its time (or {@code maxWait}, for deliveries after which nothing newer comes), then sessions are
 * checked oldest first, ties by id, so the flags never depend on the order sessions arrived in. A flagged
 * session gets its flags (with those enrichment raised) and risk score as a partial update of its
 * document, and a firing per flag in {@code ipdr-alerts}.
 */
public class AnomalyDetection extends KeyedProcessFunction<String, SessionRecord, IndexAction> {
    private static final Comparator<SessionRecord> ORDER =
            Comparator.comparing(SessionRecord::timestamp).thenComparing(SessionRecord::id);

    private final DetectorSettings settings;
    private transient MapState<Long, List<SessionRecord>> waiting;
    private transient ValueState<SubscriberProfile> profile;
    private transient ValueState<Long> flushTimer;

    public AnomalyDetection(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting", Types.LONG, Types.LIST(TypeInformation.of(SessionRecord.class))));
        profile = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("profile", TypeInformation.of(SubscriberProfile.class)));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
    }

    @Override
    public void processElement(SessionRecord session, Context ctx, Collector<IndexAction> out) throws Exception {
        long t = session.timestamp().toEpochMilli();
        List<SessionRecord> at = waiting.get(t);
        List<SessionRecord> next = at == null ? new ArrayList<>(1) : new ArrayList<>(at);
        next.add(session);
        waiting.put(t, next);
        ctx.timerService().registerEventTimeTimer(t);
        if (flushTimer.value() == null) {
            long flushAt = ctx.timerService().currentProcessingTime()
                    + settings.maxWait().toMillis();
            ctx.timerService().registerProcessingTimeTimer(flushAt);
            flushTimer.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        boolean eventTime = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME;
        if (!eventTime) {
            flushTimer.clear();
        }
        List<SessionRecord> due = new ArrayList<>();
        for (Iterator<Map.Entry<Long, List<SessionRecord>>> it = waiting.iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<SessionRecord>> e = it.next();
            if (!eventTime || e.getKey() <= timestamp) {
                due.addAll(e.getValue());
                it.remove();
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        SubscriberProfile p = profile.value();
        if (p == null) {
            p = new SubscriberProfile();
        }
        for (SessionRecord s : due) {
            List<SessionRecord.Flag> raised = Detectors.check(s, p, settings);
            if (!raised.isEmpty()) {
                flagged(s, raised, out);
            }
        }
        profile.update(p);
        if (eventTime && waiting.isEmpty() && flushTimer.value() != null) {
            ctx.timerService().deleteProcessingTimeTimer(flushTimer.value());
            flushTimer.clear();
        }
    }

    /** The session's flags and risk score as a partial update, and its firings. */
    static void flagged(SessionRecord s, List<SessionRecord.Flag> raised, Collector<IndexAction> out) {
        List<SessionRecord.Flag> flags = new ArrayList<>();
        if (s.ipdr() != null && s.ipdr().flags() != null) {
            flags.addAll(s.ipdr().flags());
        }
        for (SessionRecord.Flag f : raised) {
            if (!flags.contains(f)) {
                flags.add(f);
            }
        }
        Double risk = SessionEnrichment.riskScore(flags);
        ObjectNode doc = RecordJson.mapper().createObjectNode();
        ObjectNode ipdr = doc.putObject("ipdr");
        ipdr.set("flags", RecordJson.mapper().valueToTree(flags));
        ipdr.put("risk_score", risk);
        String index = Indices.sessionsIndexFor(s.timestamp());
        out.collect(IndexAction.update(index, s.id(), RecordJson.toBytes(doc)));
        SessionRecord.Ipdr i = s.ipdr();
        SessionRecord withFlags = new SessionRecord(
                s.timestamp(),
                s.event(),
                s.source(),
                s.destination(),
                s.network(),
                new SessionRecord.Ipdr(
                        i.aParty(),
                        i.cell(),
                        i.access(),
                        i.isp(),
                        i.feed(),
                        i.profile(),
                        i.delivery(),
                        i.attribution(),
                        List.copyOf(flags),
                        risk,
                        i.bParty()),
                s.log(),
                s.file());
        SessionAlerts.firings(withFlags, index).forEach(out::collect);
    }

    /** Who a session belongs to, for keying: MSISDN, else subscriber id, else IMSI; null when nobody. */
    public static String subscriberKey(SessionRecord s) {
        SessionRecord.AParty p = s.ipdr() == null ? null : s.ipdr().aParty();
        if (p == null) {
            return null;
        }
        if (p.msisdn() != null) {
            return "msisdn:" + p.msisdn();
        }
        if (p.subscriberId() != null) {
            return "id:" + p.subscriberId();
        }
        return p.imsi() == null ? null : "imsi:" + p.imsi();
    }
}
