package io.flowanalyzer.portal.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Documents read from Elasticsearch, kept for a short while so one request (or a burst of API calls)
 * does not read the same one several times. A write through this portal forgets its key at once; a
 * change made by another portal is seen within the freshness. Never holds more than {@code max} keys
 * (many names tried in a guessing attack must not grow the memory).
 */
public final class RecentReads<V> {
    private final long freshNanos;
    private final int max;
    private final Map<String, Read<V>> reads = new ConcurrentHashMap<>();

    private record Read<V>(V value, long at) {}

    public RecentReads(Duration fresh, int max) {
        this.freshNanos = fresh.toNanos();
        this.max = max;
    }

    /** The value of {@code key} as read at most the freshness ago, else read now with {@code read}. */
    public V get(String key, Function<String, V> read) {
        long now = System.nanoTime();
        Read<V> recent = reads.get(key);
        if (recent != null && now - recent.at() < freshNanos) {
            return recent.value();
        }
        V value = read.apply(key);
        if (reads.size() >= max) {
            reads.clear();
        }
        reads.put(key, new Read<>(value, now));
        return value;
    }

    /** Forgets {@code key}: the next get reads it again (call after the write, so a racing read is dropped too). */
    public void forget(String key) {
        reads.remove(key);
    }
}
