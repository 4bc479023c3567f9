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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands a key's sessions to {@link #inOrder} oldest first (ties by id), so what a detector concludes
 * never depends on the order sessions arrived in: a session waits until the watermark passes its time,
 * or {@code maxWait} after the first waiting session arrived (a delivery of old records, after which
 * nothing newer comes, is checked too). What waits is keyed state, so it survives a restart.
 */
public abstract class InEventTimeOrder<OUT> extends KeyedProcessFunction<String, Observation, OUT> {
    static final Comparator<Observation> ORDER =
            Comparator.comparingLong(Observation::at).thenComparing(Observation::id);

    private final long maxWaitMillis;
    private transient MapState<Long, List<Observation>> waiting;
    private transient ValueState<Long> flushTimer;

    protected InEventTimeOrder(Duration maxWait) {
        this.maxWaitMillis = maxWait.toMillis();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting", Types.LONG, Types.LIST(TypeInformation.of(Observation.class))));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
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
        long t = session.at();
        List<Observation> at = waiting.get(t);
        List<Observation> next = at == null ? new ArrayList<>(1) : new ArrayList<>(at);
        next.add(session);
        waiting.put(t, next);
        ctx.timerService().registerEventTimeTimer(t);
        if (flushTimer.value() == null) {
            long flushAt = ctx.timerService().currentProcessingTime() + maxWaitMillis;
            ctx.timerService().registerProcessingTimeTimer(flushAt);
            flushTimer.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        boolean eventTime = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        if (!eventTime) {
            flushTimer.clear();
        }
        List<Observation> due = new ArrayList<>();
        if (eventTime) {
            // one timer per waiting time, fired in time order: this time's sessions are the oldest left
            List<Observation> at = waiting.get(timestamp);
            if (at != null) {
                due.addAll(at);
                waiting.remove(timestamp);
            }
        } else {
            for (Iterator<Map.Entry<Long, List<Observation>>> it = waiting.iterator(); it.hasNext(); ) {
                due.addAll(it.next().getValue());
                it.remove();
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        inOrder(due, out);
        if (eventTime && waiting.isEmpty() && flushTimer.value() != null) {
            ctx.timerService().deleteProcessingTimeTimer(flushTimer.value());
            flushTimer.clear();
        }
    }
}
