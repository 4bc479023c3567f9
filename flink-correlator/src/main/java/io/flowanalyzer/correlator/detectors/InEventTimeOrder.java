package io.flowanalyzer.correlator.detectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands a key's sessions to {@link #inOrder} oldest first (ties by id), so what a detector concludes
 * does not depend on the order sessions arrived in. A session that arrives ahead of the watermark is
 * checked once the watermark has passed it and it has waited {@link #MIN_WAIT} (so the rest of a
 * delivery read at once can still join it); one that arrives behind the watermark — a delivery sorted by
 * subscriber, or history — holds its key's sessions for {@code maxWait}, and they are checked together in
 * time order. No key waits longer than {@code maxWait} (a delivery of old records, after which nothing
 * newer comes, is checked too), and the end of the input checks everything.
 *
 * <p>It runs in an {@link InEventTimeOrderOperator}, which calls {@link #check} when a key's check is due
 * (a key has one scheduled at a time) and at the end of the input. What waits, and when each key is checked,
 * is held on the heap, up to {@code maxHeld} sessions an instance, and written to a checkpoint as operator
 * state that a restore hands back by key (each restored key checked at once): a session costs no state
 * access and a wait no timer, where keyed state and timers in RocksDB cost writes, reads and deletes.
 * Beyond {@code maxHeld} (a burst of history that holds its keys) sessions wait in keyed state, which
 * spills to disk. A key's wait that an earlier version left in keyed state is taken over the first time
 * the key is met again; only a job restored from such a version's checkpoint looks for one (a read of keyed
 * state for each wait that begins).
 */
public abstract class InEventTimeOrder<OUT> extends KeyedProcessFunction<String, Observation, OUT>
        implements CheckpointedFunction {
    static final Comparator<Observation> ORDER =
            Comparator.comparingLong(Observation::at).thenComparing(Observation::id);
    /** How long a session waits at least, for a delivery's other sessions of its key to arrive. */
    static final Duration MIN_WAIT = Duration.ofSeconds(2);

    /** A key's wait: the key, when it began (processing time) with two flags below it, its sessions on the heap. */
    private static final TypeInformation<Tuple3<String, Long, List<Observation>>> HELD =
            new TupleTypeInfo<>(Types.STRING, Types.LONG, Types.LIST(TypeInformation.of(Observation.class)));

    private final long maxWaitMillis;
    private final long minWaitMillis;
    private final int maxHeld;

    /** The keys that have sessions waiting. */
    private transient Map<String, Wait> waits;
    /** How many sessions {@link #waits} holds. */
    private transient int held;
    /** Sessions that did not fit on the heap, and those an earlier version left waiting, by id. */
    private transient MapState<String, Observation> spilled;
    /**
     * An earlier version's wait of a key, as {@link Wait#since} shifted left by one with {@link Wait#holding}
     * in the low bit; this version keeps waits on the heap.
     */
    private transient ValueState<Long> earlierWait;

    private transient ListState<Tuple3<String, Long, List<Observation>>> checkpointed;
    private transient Legacy legacy;
    /**
     * Whether keyed state may hold a wait an earlier version left: only after a restore from such a version's
     * checkpoint (and ever after, carried in each checkpoint), so a job started fresh never looks for one — two
     * reads of keyed state, in RocksDB, each time a key begins to wait.
     */
    private transient boolean earlierLayouts;

    private transient ListState<Boolean> earlierLayoutsMark;

    /**
     * When each waiting key is checked next, soonest first; an entry whose wait has since been checked, ended or
     * rescheduled ({@link Wait#due} differs) is passed over. Kept on the heap with the waits it schedules, where
     * a keyed timer of each wait cost RocksDB writes (a third of the detectors' time).
     */
    private transient PriorityQueue<Due> checks;

    private record Due(long time, String key) {}

    /** Whether an {@link InEventTimeOrderOperator} runs this function, and so checks what it schedules. */
    private transient boolean checked;

    /** What one key has waiting. */
    private static final class Wait {
        /** When the oldest waiting session arrived (processing time). */
        final long since;
        /** When the key is checked next (processing time); Long.MIN_VALUE when no check is scheduled. */
        long due = Long.MIN_VALUE;
        /** Whether an earlier version began it, and armed a keyed timer for the end of the input. */
        boolean earlier;

        /** Whether a session behind the watermark holds the key until {@code maxWait} after {@link #since}. */
        boolean holding;
        /** Whether some of the key's sessions wait in {@link #spilled}. */
        boolean spilled;

        final Map<String, Observation> sessions = new HashMap<>();

        Wait(long since) {
            this.since = since;
        }
    }

    protected InEventTimeOrder(Duration maxWait, int maxHeld) {
        this.maxWaitMillis = maxWait.toMillis();
        this.minWaitMillis = Math.min(MIN_WAIT.toMillis(), maxWaitMillis);
        this.maxHeld = maxHeld;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("held", HELD));
        earlierLayoutsMark = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("earlier-layouts", Types.BOOLEAN));
        waits = new HashMap<>();
        checks = new PriorityQueue<>(Comparator.comparingLong(Due::time));
        held = 0;
        earlierLayouts = false;
        if (!context.isRestored()) {
            return;
        }
        boolean marked = false;
        for (Boolean possible : earlierLayoutsMark.get()) {
            marked = true;
            earlierLayouts |= possible;
        }
        // a checkpoint without the mark is an earlier version's, which kept its waits in keyed state
        earlierLayouts |= !marked;
        TaskInfo task = getRuntimeContext().getTaskInfo();
        for (Tuple3<String, Long, List<Observation>> h : checkpointed.get()) {
            // every instance reads every wait (union state) and keeps those of its keys, whatever the parallelism
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            h.f0, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks())
                    != task.getIndexOfThisSubtask()) {
                continue;
            }
            Wait w = new Wait(h.f1 >> 2);
            w.holding = (h.f1 & 2) != 0;
            w.spilled = (h.f1 & 1) != 0;
            for (Observation o : h.f2) {
                w.sessions.put(o.id(), o);
            }
            held += w.sessions.size();
            waits.put(h.f0, w);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple3<String, Long, List<Observation>>> all = new ArrayList<>(waits.size());
        for (Map.Entry<String, Wait> e : waits.entrySet()) {
            Wait w = e.getValue();
            long since = (w.since << 2) | (w.holding ? 2 : 0) | (w.spilled ? 1 : 0);
            all.add(Tuple3.of(e.getKey(), since, new ArrayList<>(w.sessions.values())));
        }
        checkpointed.update(all);
        earlierLayoutsMark.update(List.of(earlierLayouts));
    }

    @Override
    public void open(OpenContext context) throws Exception {
        if (!checked) {
            // run by a plain process operator, nothing would ever check what waits
            throw new IllegalStateException(
                    getClass().getSimpleName() + " runs in an InEventTimeOrderOperator, which checks what waits");
        }
        spilled = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting-sessions", Types.STRING, TypeInformation.of(Observation.class)));
        earlierWait = getRuntimeContext().getState(new ValueStateDescriptor<>("wait", Types.LONG));
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
        String key = ctx.getCurrentKey();
        Wait w = waits.get(key);
        if (w == null) {
            long now = timers.currentProcessingTime();
            w = earlierLayouts ? earlier() : null;
            if (w == null) {
                w = new Wait(now);
            }
            waits.put(key, w);
            schedule(key, w, Math.max(now, w.since + minWaitMillis));
        }
        if (session.at() <= timers.currentWatermark()) {
            w.holding = true;
        }
        if (held < maxHeld || w.sessions.containsKey(session.id())) {
            if (w.sessions.put(session.id(), session) == null) {
                held++;
            }
        } else {
            spilled.put(session.id(), session);
            w.spilled = true;
        }
    }

    /**
     * The wait an earlier version left in keyed state for the current key, its sessions in {@link #spilled};
     * null when it left none.
     */
    private Wait earlier() throws Exception {
        Long since = earlierWait.value();
        if (since == null) {
            since = legacy.moveInto(spilled);
            if (since == null) {
                return null;
            }
        } else {
            earlierWait.clear();
        }
        Wait w = new Wait(since >> 1);
        w.holding = (since & 1) != 0;
        w.spilled = true;
        w.earlier = true;
        return w;
    }

    /** A keyed timer an earlier version armed (this one keeps none): the key's check. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        check(ctx.getCurrentKey(), ctx.timerService(), ctx.timeDomain() == TimeDomain.EVENT_TIME, out);
    }

    /**
     * Checks the current key's wait: hands on its sessions the watermark has passed (every one at the end of
     * the input, {@code end}, or once the longest wait is over) and schedules its next check if some are left.
     */
    void check(String key, TimerService timers, boolean end, Collector<OUT> out) throws Exception {
        long now = timers.currentProcessingTime();
        long watermark = timers.currentWatermark();
        Wait w = waits.get(key);
        if (w == null) {
            w = earlierLayouts ? earlier() : null;
            if (w == null) {
                return; // an earlier version's check of a key whose wait is over
            }
            waits.put(key, w);
        }
        w.due = Long.MIN_VALUE;
        boolean all = end || now >= w.since + maxWaitMillis;
        if (!all && w.holding) {
            schedule(key, w, w.since + maxWaitMillis); // checked together once the longest wait is over
            return;
        }
        List<Observation> due = new ArrayList<>();
        boolean left = false;
        for (Iterator<Observation> it = w.sessions.values().iterator(); it.hasNext(); ) {
            Observation o = it.next();
            if (all || o.at() <= watermark) {
                due.add(o);
                it.remove();
                held--;
            } else {
                left = true;
            }
        }
        if (w.spilled) {
            Set<String> ids = new HashSet<>();
            due.forEach(o -> ids.add(o.id()));
            boolean stillSpilled = false;
            for (Iterator<Map.Entry<String, Observation>> it = spilled.iterator(); it.hasNext(); ) {
                Observation o = it.next().getValue();
                if (all || o.at() <= watermark) {
                    if (ids.add(o.id())) { // the same session may wait on the heap too, delivered twice
                        due.add(o);
                    }
                    it.remove();
                } else {
                    stillSpilled = true;
                }
            }
            if (!stillSpilled) {
                spilled.clear(); // a heap backend keeps an emptied map of the key otherwise
            }
            w.spilled = stillSpilled;
            left |= stillSpilled;
        }
        if (!left) {
            waits.remove(key);
            if (w.earlier && !end) {
                timers.deleteEventTimeTimer(Long.MAX_VALUE); // the earlier version's, for the end of the input
            }
        } else {
            // what is left waits for the watermark, checked again shortly, and at most till the longest wait
            schedule(key, w, Math.min(now + minWaitMillis, w.since + maxWaitMillis));
        }
        if (!due.isEmpty()) {
            due.sort(ORDER);
            inOrder(due, out);
        }
    }

    private void schedule(String key, Wait w, long time) {
        w.due = time;
        checks.add(new Due(time, key));
    }

    /** Called by the operator that runs this function, before it opens it. */
    void checkedBy(InEventTimeOrderOperator<OUT> operator) {
        checked = operator != null;
    }

    /** Schedules a check of each wait a restore handed back, at {@code now}. */
    void scheduleRestored(long now) {
        waits.forEach((key, w) -> {
            if (w.due == Long.MIN_VALUE) {
                schedule(key, w, now);
            }
        });
    }

    /** The next key whose check is due at {@code now}, taken off the schedule; null when none is. */
    String nextDue(long now) {
        while (!checks.isEmpty() && checks.peek().time() <= now) {
            Due d = checks.poll();
            Wait w = waits.get(d.key());
            if (w != null && w.due == d.time()) {
                return d.key();
            }
        }
        return null;
    }

    /** When the soonest scheduled check is due; Long.MAX_VALUE when none is. */
    long nextDueTime() {
        return checks.isEmpty() ? Long.MAX_VALUE : checks.peek().time();
    }

    /** The keys with sessions waiting. */
    List<String> waitingKeys() {
        return new ArrayList<>(waits.keySet());
    }

    /** The end of the input checked every key: what is still scheduled has nothing to check. */
    void ended() {
        if (waits.isEmpty()) {
            checks.clear();
        }
    }

    /**
     * What the version before that kept per key: sessions in lists by time, the wait's start, whether it
     * holds, and its next check (an armed processing-time timer).
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
         * Moves the key's sessions an earlier version left waiting into {@code into} and returns its wait (when
         * it began, shifted left by one, with whether it holds in the low bit); null when it left nothing.
         */
        Long moveInto(MapState<String, Observation> into) throws Exception {
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
            waiting.clear();
            flushTimer.clear();
            waitingSince.clear();
            holding.clear();
            return moved;
        }
    }
}
