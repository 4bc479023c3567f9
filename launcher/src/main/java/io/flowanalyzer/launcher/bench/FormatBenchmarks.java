package io.flowanalyzer.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./flowanalyzer bench formats [--mb N] [--formats a,b] [--no-json] [--once]}: JMH runs
 * {@link FormatBenchmark} for each format in a forked JVM (one thread, fixed 512 MB heap; six warm-up
 * reads and five measured, or one cold read with {@code --once} for very large samples), and this
 * prints MB/s and records/s per core from the measured times; {@code --no-json} leaves out the JSON
 * serialisation, to see the normalisation alone.
 */
public final class FormatBenchmarks {
    private FormatBenchmarks() {}

    public static void main(String[] args) throws Exception {
        long megabytes = 20;
        boolean json = true;
        boolean once = false;
        List<String> formats = FormatSamples.FORMATS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "formats" -> {}
                case "--mb" -> megabytes = Long.parseLong(args[++i]);
                case "--formats" -> formats = List.of(args[++i].split(","));
                case "--no-json" -> json = false;
                case "--once" -> once = true;
                default -> {
                    System.err.println(
                            "usage: flowanalyzer bench formats [--mb N] [--formats a,b,…] [--no-json] [--once]");
                    System.exit(64);
                }
            }
        }
        List<String> unknown =
                formats.stream().filter(f -> !FormatSamples.FORMATS.contains(f)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("There is no benchmark sample for " + String.join(", ", unknown)
                    + ". The formats measured are: " + String.join(", ", FormatSamples.FORMATS) + ".");
            System.exit(64);
        }
        long bytes = megabytes * 1_000_000;
        Options options = new OptionsBuilder()
                .include(FormatBenchmark.class.getName() + ".read")
                .param("format", formats.toArray(String[]::new))
                .param("bytes", String.valueOf(bytes))
                .param("json", String.valueOf(json))
                .forks(1)
                .warmupIterations(once ? 0 : 6)
                .measurementIterations(once ? 1 : 5)
                .threads(1)
                .jvmArgsAppend("-Xms512m", "-Xmx512m", "-XX:+UseG1GC")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // the records in each sample, counted the same way the benchmark wrote them
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%n  %-18s %10s %12s %14s", "format", "ms/read", "MB/s/core", "records/s/core"));
        for (RunResult result : results) {
            String format = result.getParams().getParam("format");
            Path sample = Files.createTempFile("flowanalyzer-count-", ".data");
            long records;
            long size;
            try {
                records = FormatSamples.write(format, sample, bytes);
                size = Files.size(sample);
            } finally {
                Files.deleteIfExists(sample);
            }
            double ms = result.getPrimaryResult().getScore();
            lines.add(String.format(
                    "  %-18s %10.0f %12.1f %,14.0f", format, ms, size / 1e6 / (ms / 1e3), records / (ms / 1e3)));
        }
        lines.add("  (one thread, 512 MB heap; read from the page cache, hashed, parsed, normalised"
                + (json ? " and serialised to JSON" : ", not serialised") + "; Kafka not included)");
        lines.forEach(System.out::println);
    }
}
