package io.flowanalyzer.portal.search;

import java.time.Instant;
import java.util.List;

/** Sessions over time: buckets of one interval ({@code 1h}, {@code 7d}, {@code 1M}), each [from, to) with its count. */
public record Histogram(String interval, List<Bucket> buckets) {

    public record Bucket(Instant from, Instant to, long count) {}

    public long max() {
        return buckets.stream().mapToLong(Bucket::count).max().orElse(0);
    }

    public static Histogram empty() {
        return new Histogram(null, List.of());
    }
}
