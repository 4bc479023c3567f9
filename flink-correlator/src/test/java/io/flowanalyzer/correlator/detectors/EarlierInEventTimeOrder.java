package io.flowanalyzer.correlator.detectors;

import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link InEventTimeOrder} as versions before 2026-12-07 kept its state (sessions in lists by time, three
 * values, a timer held in state), to specify that what it left waiting is checked after an upgrade.
 */
abstract class EarlierInEventTimeOrder<OUT> extends KeyedProcessFunction<String, Observation, OUT> {
    /** How long a session waits at least, for a delivery's other sessions of its key to arrive. */
    private static final Duration MIN_WAIT = InEventTimeOrder.MIN_WAIT;

    private final long maxWaitMillis;
    private final long minWaitMillis;
    private transient MapState<Long, List<Observation>> waiting;
    /** When the key's next check is due (processing time); null when nothing waits. */
    private transient ValueState<Long> flushTimer;
    /** When the oldest waiting session arrived (processing time). */
    private transient ValueState<Long> waitingSince;
    /** Whether a session behind the watermark holds the key until {@code maxWait} after the oldest arrived. */
    private transient ValueState<Boolean> holding;

    protected EarlierInEventTimeOrder(Duration maxWait) {
        this.maxWaitMillis = maxWait.toMillis();
        this.minWaitMillis = Math.min(MIN_WAIT.toMillis(), maxWaitMillis);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting", Types.LONG, Types.LIST(TypeInformation.of(Observation.class))));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
        waitingSince = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-since", Types.LONG));
        holding = getRuntimeContext().getState(new ValueStateDescriptor<>("holding", Types.BOOLEAN));
    }

    /** The key's due sessions, oldest first. */
    protected abstract void inOrder(List<Observation> due, Collector<OUT> out) throws Exception;

    @Override
    public void processElement(Observation session, Context ctx, Collector<OUT> out) throws Exception {
        long t = session.at();
        List<Observation> at = waiting.get(t);
        List<Observation> next = at == null ? new ArrayList<>(1) : new ArrayList<>(at);
        next.add(session);
        waiting.put(t, next);
        long now = ctx.timerService().currentProcessingTime();
        if (waitingSince.value() == null) {
            waitingSince.update(now);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of the input
        }
        if (t <= ctx.timerService().currentWatermark()) {
            holding.update(Boolean.TRUE);
        }
        if (flushTimer.value() == null) {
            arm(ctx.timerService(), now + minWaitMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        boolean end = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        if (!end) {
            flushTimer.clear();
        }
        Long since = waitingSince.value();
        if (since == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        boolean waitedLongest = now >= since + maxWaitMillis;
        boolean all = end || waitedLongest;
        if (!all && holding.value() != null) {
            arm(ctx.timerService(), since + maxWaitMillis); // checked together once the longest wait is over
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        List<Observation> due = new ArrayList<>();
        for (Iterator<Map.Entry<Long, List<Observation>>> it = waiting.iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Observation>> e = it.next();
            if (all || e.getKey() <= watermark) {
                due.addAll(e.getValue());
                it.remove();
            }
        }
        if (waiting.isEmpty()) {
            waitingSince.clear();
            holding.clear();
            if (flushTimer.value() != null) {
                ctx.timerService().deleteProcessingTimeTimer(flushTimer.value());
                flushTimer.clear();
            }
            if (!end) {
                ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
            }
        } else if (flushTimer.value() == null) {
            // what is left waits for the watermark, checked again shortly, and at most till the longest wait
            arm(ctx.timerService(), Math.min(now + minWaitMillis, since + maxWaitMillis));
        }
        if (!due.isEmpty()) {
            due.sort(InEventTimeOrder.ORDER);
            inOrder(due, out);
        }
    }

    private void arm(org.apache.flink.streaming.api.TimerService timers, long at) throws Exception {
        timers.registerProcessingTimeTimer(at);
        flushTimer.update(at);
    }
}
