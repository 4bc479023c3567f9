package io.flowanalyzer.launcher.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./flowanalyzer bench enrichment}: JMH runs {@link EnrichmentBenchmark} in a forked JVM (one
 * thread, fixed 1 GB heap, three one-second warm-ups and five measured seconds per lookup) and prints the
 * time per lookup and the lookups per second per core.
 */
public final class EnrichmentBenchmarks {
    private EnrichmentBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(EnrichmentBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .threads(1)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+UseG1GC")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.printf("%n  %-14s %12s %16s%n", "lookup", "ns/op", "per second/core");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double ns = result.getPrimaryResult().getScore();
            System.out.printf("  %-14s %12.0f %,16.0f%n", name.substring(name.lastIndexOf('.') + 1), ns, 1e9 / ns);
        }
        System.out.println("  (one thread; 300,000 app ranges, 10,001 watch-list entries, 50,000 cells, 100,000"
                + " subscribers; ~1 M geo/ASN ranges; addresses rotate over 4,096, IPv4 and IPv6, hits and misses)");
    }
}
