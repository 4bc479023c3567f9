package io.flowanalyzer.correlator.detectors;

import java.time.Duration;
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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands a key's sessions to {@link #inOrder} oldest first (ties by id), so what a detector concludes
 * does not depend on the order sessions arrived in. A session that arrives ahead of the watermark is
 * checked once the watermark has passed it and it has waited {@link #MIN_WAIT} (so the rest of a
 * delivery read at once can still join it); one that arrives behind the watermark — a delivery sorted by
 * subscriber, or history — holds its key's sessions for {@code maxWait}, and they are checked together in
 * time order. No key waits longer than {@code maxWait} (a delivery of old records, after which nothing
 * newer comes, is checked too), and the end of the input checks everything. What waits is keyed state,
 * so it survives a restart; a key keeps one timer at a time and one for the end of the input.
 *
 * <p>Every session costs a state read and a write (its own entry, never a list read back and rewritten);
 * the wait's start and whether it holds are one value, read once per session and written once per wait,
 * and a key has a processing-time timer exactly while something of it waits. State an earlier version
 * kept (sessions in lists by time, three values) is moved over the first time the key is met again.
 */
public abstract class InEventTimeOrder<OUT> extends KeyedProcessFunction<String, Observation, OUT> {
    static final Comparator<Observation> ORDER =
            Comparator.comparingLong(Observation::at).thenComparing(Observation::id);
    /** How long a session waits at least, for a delivery's other sessions of its key to arrive. */
    static final Duration MIN_WAIT = Duration.ofSeconds(2);

    private final long maxWaitMillis;
    private final long minWaitMillis;
    /** The sessions waiting, by id (a session delivered twice waits once). */
    private transient MapState<String, Observation> waiting;
    /**
     * When the oldest waiting session arrived (processing time), shifted left by one, with the low bit set
     * when a session behind the watermark holds the key until {@code maxWait} after that; null when nothing
     * waits.
     */
    private transient ValueState<Long> wait;

    private transient Legacy legacy;

    protected InEventTimeOrder(Duration maxWait) {
        this.maxWaitMillis = maxWait.toMillis();
        this.minWaitMillis = Math.min(MIN_WAIT.toMillis(), maxWaitMillis);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting-sessions", Types.STRING, TypeInformation.of(Observation.class)));
        wait = getRuntimeContext().getState(new ValueStateDescriptor<>("wait", Types.LONG));
        legacy = new Legacy(getRuntimeContext());
    }

    /** Keyed state that is forgotten {@code retention} after its last update (a subscriber gone quiet). */
    protected static <T> ValueStateDescriptor<T> expiring(String name, Class<T> type, java.time.Duration retention) {
        ValueStateDescriptor<T> descriptor = new ValueStateDescriptor<>(name, TypeInformation.of(type));
        descriptor.enableTimeToLive(org.apache.flink.api.common.state.StateTtlConfig.newBuilder(retention)
                .setUpdateType(org.apache.flink.api.common.state.StateTtlConfig.UpdateType.OnCreateAndWrite)
                .build());
        return descriptor;
    }

    /** The key's due sessions, oldest first. */
    protected abstract void inOrder(List<Observation> due, Collector<OUT> out) throws Exception;

    @Override
    public void processElement(Observation session, Context ctx, Collector<OUT> out) throws Exception {
        TimerService timers = ctx.timerService();
        Long current = wait.value();
        if (current == null) {
            current = legacy.moveInto(waiting, wait, timers, true);
        }
        long next;
        if (current == null) {
            long now = timers.currentProcessingTime();
            next = now << 1;
            timers.registerProcessingTimeTimer(now + minWaitMillis);
            timers.registerEventTimeTimer(Long.MAX_VALUE); // the end of the input
        } else {
            next = current;
        }
        if (session.at() <= timers.currentWatermark()) {
            next |= 1;
        }
        if (current == null || next != current) {
            wait.update(next);
        }
        waiting.put(session.id(), session);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        TimerService timers = ctx.timerService();
        boolean end = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        Long current = wait.value();
        if (current == null) {
            current = legacy.moveInto(waiting, wait, timers, false);
            if (current == null) {
                return; // the check after the end of the input, of a key the end already checked
            }
        }
        long since = current >> 1;
        boolean holding = (current & 1) != 0;
        long now = timers.currentProcessingTime();
        boolean all = end || now >= since + maxWaitMillis;
        if (!all && holding) {
            timers.registerProcessingTimeTimer(since + maxWaitMillis); // checked together once the longest wait is over
            return;
        }
        long watermark = timers.currentWatermark();
        List<Observation> due = new ArrayList<>();
        boolean left = false;
        for (Iterator<Map.Entry<String, Observation>> it = waiting.iterator(); it.hasNext(); ) {
            Observation o = it.next().getValue();
            if (all || o.at() <= watermark) {
                due.add(o);
                it.remove();
            } else {
                left = true;
            }
        }
        if (!left) {
            wait.clear();
            if (!end) {
                timers.deleteEventTimeTimer(Long.MAX_VALUE);
            }
            // at the end of the input the key's next check stays armed: it finds nothing waiting
        } else if (!end) {
            // what is left waits for the watermark, checked again shortly, and at most till the longest wait
            timers.registerProcessingTimeTimer(Math.min(now + minWaitMillis, since + maxWaitMillis));
        }
        if (!due.isEmpty()) {
            due.sort(ORDER);
            inOrder(due, out);
        }
    }

    /**
     * What an earlier version kept per key: sessions in lists by time, the wait's start, whether it holds,
     * and its next check (an armed processing-time timer).
     */
    private static final class Legacy {
        private final MapState<Long, List<Observation>> waiting;
        private final ValueState<Long> flushTimer;
        private final ValueState<Long> waitingSince;
        private final ValueState<Boolean> holding;

        Legacy(org.apache.flink.api.common.functions.RuntimeContext context) {
            waiting = context.getMapState(
                    new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(TypeInformation.of(Observation.class))));
            flushTimer = context.getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
            waitingSince = context.getState(new ValueStateDescriptor<>("waiting-since", Types.LONG));
            holding = context.getState(new ValueStateDescriptor<>("holding", Types.BOOLEAN));
        }

        /**
         * Moves the key's sessions an earlier version left waiting into {@code into}, and its wait into
         * {@code wait}; the key's armed check stays its check ({@code arm}: one is armed when it had none).
         * Null when the earlier version left nothing.
         */
        Long moveInto(MapState<String, Observation> into, ValueState<Long> wait, TimerService timers, boolean arm)
                throws Exception {
            Long since = waitingSince.value();
            if (since == null) {
                return null;
            }
            for (List<Observation> sessions : waiting.values()) {
                for (Observation o : sessions) {
                    into.put(o.id(), o);
                }
            }
            long moved = (since << 1) | (holding.value() != null ? 1 : 0);
            if (arm && flushTimer.value() == null) {
                timers.registerProcessingTimeTimer(timers.currentProcessingTime());
            }
            timers.registerEventTimeTimer(Long.MAX_VALUE);
            waiting.clear();
            flushTimer.clear();
            waitingSince.clear();
            holding.clear();
            wait.update(moved);
            return moved;
        }
    }
}
