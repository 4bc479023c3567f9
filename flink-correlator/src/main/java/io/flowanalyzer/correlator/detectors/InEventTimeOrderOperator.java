package io.flowanalyzer.correlator.detectors;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs an {@link InEventTimeOrder}: each key's check when it is due, from the schedule the function keeps on
 * the heap, under one processing-time callback of the operator for the soonest (not a keyed timer a wait, which
 * RocksDB keeps), and every key's at the end of the input (the watermark at its maximum). Keyed timers an earlier
 * version armed still fire, into the same check.
 */
public final class InEventTimeOrderOperator<OUT> extends KeyedProcessOperator<String, Observation, OUT> {
    private static final long serialVersionUID = 1L;

    private final InEventTimeOrder<OUT> function;

    private transient TimestampedCollector<OUT> out;
    /** The operator's timer service (as the function's context has it): processing time, the watermark. */
    private transient TimerService time;
    /** When the callback armed last is due; Long.MAX_VALUE when none is armed. */
    private transient long armed;

    public InEventTimeOrderOperator(InEventTimeOrder<OUT> function) {
        super(function);
        this.function = function;
    }

    @Override
    public void open() throws Exception {
        function.checkedBy(this);
        super.open();
        out = new TimestampedCollector<>(output);
        // the timer service the function's context reads time from (the operator's, by its name)
        time = new SimpleTimerService(getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this));
        armed = Long.MAX_VALUE;
        function.scheduleRestored(getProcessingTimeService().getCurrentProcessingTime());
        arm();
    }

    @Override
    public void processElement(StreamRecord<Observation> element) throws Exception {
        super.processElement(element);
        arm();
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        super.onProcessingTime(timer);
        arm();
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        super.onEventTime(timer);
        arm();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            out.eraseTimestamp();
            for (String key : function.waitingKeys()) {
                setCurrentKey(key);
                function.check(key, time, true, out);
            }
            function.ended();
        }
        super.processWatermark(mark);
    }

    /** The checks due by now, each under its key. */
    private void due(long scheduled) throws Exception {
        armed = Long.MAX_VALUE;
        long now = time.currentProcessingTime();
        out.eraseTimestamp();
        String key;
        while ((key = function.nextDue(now)) != null) {
            setCurrentKey(key);
            function.check(key, time, false, out);
        }
        arm();
    }

    /** A callback for the soonest check, unless one as soon is armed already. */
    private void arm() {
        long next = function.nextDueTime();
        if (next < armed) {
            armed = next;
            getProcessingTimeService().registerTimer(next, this::due);
        }
    }
}
