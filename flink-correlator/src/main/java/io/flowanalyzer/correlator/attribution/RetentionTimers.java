package io.flowanalyzer.correlator.attribution;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.TimerService;

/**
 * Arms the retention timer of the current key (state is forgotten when it fires) at most once for each
 * time it is armed for: every element of a busy key arms the same whole minute, and the timer service,
 * which would find that timer there, first writes it to RocksDB or looks it up in its cache — most of the
 * RADIUS hop's time. What it remembers is this run's own: a restart arms each key's timer once again, which
 * changes nothing. A timer remembered has not fired yet, since the times armed only grow.
 */
final class RetentionTimers {
    /** How many keys it remembers before it starts again (a key forgotten is armed again, once). */
    private static final int KEYS = 100_000;

    private final Map<Object, Long> armed = new HashMap<>();

    /** Arms the current key's processing-time timer for {@code time} unless this instance did already. */
    void arm(Object key, long time, TimerService timers) {
        Long before = armed.get(key);
        if (before != null && before == time) {
            return;
        }
        if (armed.size() >= KEYS) {
            armed.clear();
        }
        armed.put(key, time);
        timers.registerProcessingTimeTimer(time);
    }
}
