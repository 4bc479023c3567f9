package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.bindings.AttributionPolicy;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import io.flowanalyzer.model.bindings.BindingIntervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The second hop of attribution, keyed by the address a subscriber was given (an IPv6 address by its
 * /56, where the bindings of every prefix covering it are kept): it keeps the RADIUS and allocation
 * bindings of the key and the questions asked about it, and answers from the bindings that held the
 * asked address itself. A question is answered with
 * every subscriber whose binding held the address at the time (in the ISP's evidence only, when the
 * address is internal to one); a binding that arrives later answers again the questions it concerns,
 * when the answer changes. Questions are kept for the retention after they are asked.
 */
public class RadiusHop extends KeyedCoProcessFunction<String, AddressLookup, RoutedBinding, LookupAnswer> {
    private final AttributionPolicy policy;
    private final long retentionMillis;
    private final long evidenceWindowMillis;

    private transient ValueState<List<BindingEvent>> bindings;
    private transient MapState<String, Asked> asked;
    private transient ValueState<Long> lastEvidence;
    private transient RetentionTimers retention;

    /** A question, when it was asked (processing time) and the evidence its last answer named. */
    public record Asked(AddressLookup lookup, long arrived, List<String> answered) {}

    public RadiusHop(AttributionPolicy policy, java.time.Duration retention, java.time.Duration evidenceWindow) {
        this.policy = policy;
        this.retentionMillis = retention.toMillis();
        this.evidenceWindowMillis = evidenceWindow.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        retention = new RetentionTimers();
        bindings = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("bindings", new ListTypeInfo<>(BindingEvent.class)));
        asked = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "asked", Types.STRING, org.apache.flink.api.common.typeinfo.TypeInformation.of(Asked.class)));
        lastEvidence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-evidence", Types.LONG));
    }

    @Override
    public void processElement1(AddressLookup lookup, Context ctx, Collector<LookupAnswer> out) throws Exception {
        Asked before = asked.get(lookup.slot());
        if (before != null && before.lookup().generation() > lookup.generation()) {
            return; // a newer look at the session was answered already
        }
        long now = ctx.timerService().currentProcessingTime();
        LookupAnswer answer = answer(lookup);
        asked.put(lookup.slot(), new Asked(lookup, now, evidenceOf(answer)));
        out.collect(answer);
        retention.arm(ctx.getCurrentKey(), NatHop.roundUp(now + retentionMillis), ctx.timerService());
    }

    @Override
    public void processElement2(RoutedBinding routed, Context ctx, Collector<LookupAnswer> out) throws Exception {
        BindingEvent e = routed.event();
        if (!AttributionRules.isSubscriberBinding(e)) {
            return;
        }
        List<BindingEvent> list = bindings.value() == null ? new ArrayList<>() : bindings.value();
        if (!EvidenceWindow.add(list, e, evidenceWindowMillis)) {
            return; // a replay changes nothing
        }
        bindings.update(list);
        long now = ctx.timerService().currentProcessingTime();
        lastEvidence.update(now);
        retention.arm(ctx.getCurrentKey(), NatHop.roundUp(now + retentionMillis), ctx.timerService());

        List<Map.Entry<String, Asked>> changed = new ArrayList<>();
        for (Map.Entry<String, Asked> entry : asked.entries()) {
            AddressLookup lookup = entry.getValue().lookup();
            if ((lookup.scopeIsp() == null || lookup.scopeIsp().equals(e.isp()))
                    && AttributionRules.holdsAddress(e, lookup.address())
                    && AttributionRules.near(e.at(), lookup.time(), policy)) {
                changed.add(entry);
            }
        }
        for (Map.Entry<String, Asked> entry : changed) {
            Asked a = entry.getValue();
            LookupAnswer answer = answer(a.lookup());
            List<String> evidence = evidenceOf(answer);
            if (!evidence.equals(a.answered())) {
                asked.put(entry.getKey(), new Asked(a.lookup(), a.arrived(), evidence));
                out.collect(answer);
            }
        }
    }

    private LookupAnswer answer(AddressLookup lookup) throws Exception {
        List<BindingEvent> scoped = new ArrayList<>();
        for (BindingEvent b : bindings.value() == null ? List.<BindingEvent>of() : bindings.value()) {
            if ((lookup.scopeIsp() == null || lookup.scopeIsp().equals(b.isp()))
                    && AttributionRules.holdsAddress(b, lookup.address())) {
                scoped.add(b);
            }
        }
        List<AttributionRules.Candidate> candidates = new ArrayList<>();
        for (BindingIntervals.Interval r : AttributionRules.subscribersAt(scoped, lookup.time(), policy)) {
            candidates.add(AttributionRules.candidate(
                    lookup.method(),
                    r,
                    lookup.privatePort(),
                    AttributionRules.evidence(lookup.translationEvidence(), r.evidence())));
        }
        return new LookupAnswer(
                lookup.sessionId(),
                lookup.generation(),
                lookup.index(),
                lookup.total(),
                lookup.translationEvidence(),
                List.copyOf(candidates));
    }

    private static List<String> evidenceOf(LookupAnswer answer) {
        List<String> ids = new ArrayList<>();
        for (AttributionRules.Candidate c : answer.candidates()) {
            ids.addAll(c.evidence());
            ids.add("|");
        }
        return ids;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LookupAnswer> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Asked> e : asked.entries()) {
            if (e.getValue().arrived() + retentionMillis <= now) {
                expired.add(e.getKey());
            }
        }
        for (String slot : expired) {
            asked.remove(slot);
        }
        Long last = lastEvidence.value();
        if (last != null && last + retentionMillis <= now) {
            bindings.clear();
            lastEvidence.clear();
        }
    }
}
