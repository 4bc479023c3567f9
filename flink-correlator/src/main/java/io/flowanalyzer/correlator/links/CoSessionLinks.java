package io.flowanalyzer.correlator.links;

import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-session links at one relay in one hour (the key: {@link RelayHour}). Each session is compared, as it
 * arrives, with the sessions held that started within the start tolerance of it; a pair that looks like
 * one conversation ({@link CoSessionRule}) is written to {@code ipdr-links} by the hour of its earlier
 * start, where both legs always arrive. Whichever of two sessions arrives second finds the other, so the
 * links do not depend on arrival order — also when the two legs come from different ISPs whose
 * deliveries arrive hours or days apart: an hour's sessions are held for the retention after the last
 * one arrived (processing time), not until a watermark passes them. What is held is keyed state, so it
 * survives a restart.
 */
public class CoSessionLinks extends KeyedProcessFunction<String, RelayHour, IndexAction> {
    private static final Logger LOG = LoggerFactory.getLogger(CoSessionLinks.class);
    private static final long MINUTE = 60_000L;

    private final IndexLayout layout;
    private final LinkSettings settings;
    private final long window;
    private final long bucket;
    private final long retention;
    /** Start window → the sessions held that started in it. */
    private transient MapState<Long, List<Observation>> held;
    /** When the hour's sessions are forgotten (processing time), moved on by every session held. */
    private transient ValueState<Long> forgetAt;
    /** The windows already reported as crowded (for the log only). */
    private transient java.util.Set<String> crowded;

    public CoSessionLinks(IndexLayout layout, LinkSettings settings) {
        this.layout = layout;
        this.settings = settings;
        this.window = Math.max(1, settings.startTolerance().toMillis());
        this.bucket = RelayHour.bucket(window);
        this.retention = settings.retention().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        held = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "held", Types.LONG, Types.LIST(TypeInformation.of(Observation.class))));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        crowded = new java.util.HashSet<>();
    }

    @Override
    public void processElement(RelayHour in, Context ctx, Collector<IndexAction> out) throws Exception {
        if (in.change() != null) {
            reattributed(in, out);
            return;
        }
        Observation session = in.session();
        long w = Math.floorDiv(session.at(), window);
        List<Observation> own = held.get(w);
        if (own != null && own.stream().anyMatch(o -> o.id().equals(session.id()))) {
            return; // a replay: its links were found the first time
        }
        for (long candidate = w - 1; candidate <= w + 1; candidate++) {
            List<Observation> others = candidate == w ? own : held.get(candidate);
            if (others == null) {
                continue;
            }
            for (Observation other : others) {
                // both legs meet in the hour of the earlier start; a neighbouring hour holding both stays silent
                if (Math.floorDiv(Math.min(other.at(), session.at()), bucket) != in.hour()) {
                    continue;
                }
                ProbableContact contact = CoSessionRule.compare(other, session, settings);
                if (contact != null) {
                    out.collect(contact.action(layout));
                }
            }
        }
        if (own != null && own.size() >= settings.maxHeld()) {
            if (crowded.size() > 10_000) {
                crowded.clear();
            }
            if (crowded.add(ctx.getCurrentKey() + "/" + w)) {
                LOG.warn(
                        "Relay {} has more than {} sessions starting within {} of each other; later ones in that window"
                                + " are compared but not held",
                        session.destinationIp(),
                        settings.maxHeld(),
                        settings.startTolerance());
            }
            return;
        }
        // the list state hands out is this key's own (a heap backend copies what a checkpoint still reads)
        List<Observation> next = own == null ? new ArrayList<>(2) : own;
        next.add(session);
        held.put(w, next);
        // forgotten a retention after the last session arrived; whole minutes, so a busy hour keeps few timers
        long forget = Math.floorDiv(ctx.timerService().currentProcessingTime() + retention, MINUTE) * MINUTE + MINUTE;
        Long current = forgetAt.value();
        if (current == null || forget > current) {
            forgetAt.update(forget);
            ctx.timerService().registerProcessingTimeTimer(forget);
        }
    }

    /**
     * A held session names someone else now, or nobody: each link it made in this hour is written again
     * with whom the session names now, or withdrawn; a pair that links only now is written.
     */
    private void reattributed(RelayHour in, Collector<IndexAction> out) throws Exception {
        Reattributed change = in.change();
        long w = Math.floorDiv(change.at(), window);
        List<Observation> own = held.get(w);
        Observation before = own == null
                ? null
                : own.stream()
                        .filter(o -> o.id().equals(change.sessionId()))
                        .findFirst()
                        .orElse(null);
        if (before == null) {
            return; // not held here: crowded out, forgotten, or never a relay session
        }
        Observation now = change.now();
        List<Observation> next = new ArrayList<>(own);
        next.remove(before);
        if (now != null) {
            next.add(now);
        }
        held.put(w, next);
        for (long candidate = w - 1; candidate <= w + 1; candidate++) {
            List<Observation> others = candidate == w ? next : held.get(candidate);
            if (others == null) {
                continue;
            }
            for (Observation other : others) {
                if (other.id().equals(change.sessionId())
                        || Math.floorDiv(Math.min(other.at(), change.at()), bucket) != in.hour()) {
                    continue;
                }
                ProbableContact was = CoSessionRule.compare(other, before, settings);
                ProbableContact is = now == null ? null : CoSessionRule.compare(other, now, settings);
                if (is != null) {
                    out.collect(is.action(layout));
                } else if (was != null) {
                    out.collect(ProbableContact.withdrawn(
                            was.id(),
                            now == null
                                    ? "Session " + change.sessionId()
                                            + " no longer names one subscriber: later NAT/RADIUS evidence made its"
                                            + " attribution ambiguous or unresolved."
                                    : "Session " + change.sessionId() + " is now attributed to " + now.subscriber()
                                            + ", the same subscriber as the other session."));
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        Long forget = forgetAt.value();
        if (forget != null && timestamp >= forget) {
            held.clear();
            forgetAt.clear();
        }
    }
}
