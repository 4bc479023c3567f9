package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;
import org.junit.jupiter.api.Test;

class RetentionTimersTest {
    /** What was armed, as "key@time", with the key the caller says is current. */
    private static final class Armed implements TimerService {
        final List<String> timers = new ArrayList<>();
        String key;

        @Override
        public long currentProcessingTime() {
            return 0;
        }

        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            timers.add(key + "@" + time);
        }

        @Override
        public void registerEventTimeTimer(long time) {
            throw new AssertionError("retention is processing time");
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            throw new AssertionError("nothing is deleted");
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            throw new AssertionError("nothing is deleted");
        }
    }

    private static void arm(RetentionTimers r, Armed timers, String key, long time) {
        timers.key = key;
        r.arm(key, time, timers);
    }

    @Test
    void armsEachKeysTimerOnceForEachTimeItIsArmedFor() {
        RetentionTimers r = new RetentionTimers();
        Armed timers = new Armed();
        arm(r, timers, "100.64.0.1", 60_000);
        arm(r, timers, "100.64.0.1", 60_000);
        arm(r, timers, "100.64.0.2", 60_000);
        arm(r, timers, "100.64.0.1", 60_000);
        arm(r, timers, "100.64.0.1", 120_000); // a minute later: a later timer
        arm(r, timers, "100.64.0.2", 60_000);
        assertThat(timers.timers).containsExactly("100.64.0.1@60000", "100.64.0.2@60000", "100.64.0.1@120000");
    }

    @Test
    void aKeyItStoppedRememberingIsArmedAgainOnce() {
        RetentionTimers r = new RetentionTimers();
        Armed timers = new Armed();
        for (int i = 0; i <= 100_000; i++) { // one more key than it remembers
            arm(r, timers, "k" + i, 60_000);
        }
        arm(r, timers, "k0", 60_000);
        arm(r, timers, "k0", 60_000);
        assertThat(timers.timers).hasSize(100_002);
        assertThat(timers.timers.get(100_001)).isEqualTo("k0@60000");
    }
}
