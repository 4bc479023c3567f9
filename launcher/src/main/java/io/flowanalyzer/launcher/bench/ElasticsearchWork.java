package io.flowanalyzer.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.model.RecordJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the Elasticsearch node spent between two readings of its stats: its process's CPU time, and
 * the time it reports for indexing, refreshes and merges, with the documents indexed, refreshes and
 * searches — so a benchmark can say whether a phase cost Elasticsearch more than the documents alone.
 */
record ElasticsearchWork(
        long cpuMillis,
        long indexed,
        long indexMillis,
        long refreshes,
        long refreshMillis,
        long mergeMillis,
        long searches) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The node's totals so far. */
    static ElasticsearchWork read(String elasticsearchUrl) throws Exception {
        JsonNode node = localNode(elasticsearchUrl, "indices,process");
        JsonNode indices = node.path("indices");
        return new ElasticsearchWork(
                node.at("/process/cpu/total_in_millis").asLong(),
                indices.at("/indexing/index_total").asLong(),
                indices.at("/indexing/index_time_in_millis").asLong(),
                indices.at("/refresh/total").asLong(),
                indices.at("/refresh/total_time_in_millis").asLong(),
                indices.at("/merges/total_time_in_millis").asLong(),
                indices.at("/search/query_total").asLong());
    }

    /**
     * The documents the node has indexed so far, and nothing else: a bench polls this several times a second,
     * and the whole indices section of the node's stats (segments, store, fielddata of every shard) would
     * cost the node CPU the phase it measures then counted as its own.
     */
    static long indexedSoFar(String elasticsearchUrl) throws Exception {
        return localNode(elasticsearchUrl, "indices/indexing?filter_path=nodes.*.indices.indexing.index_total")
                .at("/indices/indexing/index_total")
                .asLong();
    }

    /**
     * Waits (at most {@code limit}) until the machine is quiet: no merge running on the node and under a tenth of
     * a core of its CPU over a second, and this JVM's JIT compilers idle over that second. A phase then does not
     * pay for what the one before it left behind: merges of its small segments, refreshes, the job's last writes,
     * and the compilations its warm-up queued (C2 takes a while to catch up with a 50,000-session warm-up on two
     * cores, and that is a cost of starting, not of ingesting). Returns the seconds waited.
     */
    static double awaitQuiet(String elasticsearchUrl, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        String quietness =
                "indices,process?filter_path=nodes.*.indices.merges.current,nodes.*.process.cpu.total_in_millis";
        long cpu = localNode(elasticsearchUrl, quietness)
                .at("/process/cpu/total_in_millis")
                .asLong();
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long compiling = jit.getTotalCompilationTime();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            Thread.sleep(1_000);
            long compiled = jit.getTotalCompilationTime();
            JsonNode node = localNode(elasticsearchUrl, quietness);
            long now = node.at("/process/cpu/total_in_millis").asLong();
            boolean quiet =
                    now - cpu < 100 && node.at("/indices/merges/current").asLong() == 0 && compiled - compiling < 20;
            cpu = now;
            compiling = compiled;
            if (quiet) {
                break;
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** This node's part of {@code /_nodes/_local/stats/<metrics>}. */
    private static JsonNode localNode(String elasticsearchUrl, String metrics) throws Exception {
        return get(elasticsearchUrl, "/_nodes/_local/stats/" + metrics)
                .path("nodes")
                .elements()
                .next();
    }

    private static JsonNode get(String elasticsearchUrl, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(elasticsearchUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return RecordJson.mapper().readTree(response.body());
    }

    /**
     * Refreshes and shard searches so far per family of indices (a monthly or daily index counted with its family:
     * {@code ipdr-sessions-*}), to say who keeps shards refreshing during a phase.
     */
    static java.util.Map<String, long[]> byFamily(String elasticsearchUrl) throws Exception {
        java.util.Map<String, long[]> families = new java.util.TreeMap<>();
        var indices = get(elasticsearchUrl, "/_stats/refresh,search?level=indices")
                .path("indices")
                .fields();
        while (indices.hasNext()) {
            var index = indices.next();
            String family = index.getKey().replaceFirst("-\\d{4}\\.\\d{2}(\\.\\d{2})?$", "-*");
            long[] sums = families.computeIfAbsent(family, f -> new long[4]);
            JsonNode total = index.getValue().path("total");
            sums[0] += total.at("/refresh/total").asLong();
            sums[1] += total.at("/refresh/total_time_in_millis").asLong();
            sums[2] += total.at("/search/query_total").asLong();
            // scheduled and requested ones; the rest are Elasticsearch's own (a realtime get or update of a
            // document not yet refreshed, a flush, a full indexing buffer)
            sums[3] += total.at("/refresh/external_total").asLong();
        }
        return families;
    }

    /** The families whose refreshes or searches grew between two readings of {@link #byFamily}, busiest first. */
    static String familiesSince(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[4]);
                    long[] a = e.getValue();
                    return java.util.Map.entry(
                            e.getKey(), new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]});
                })
                .filter(e -> e.getValue()[0] > 0 || e.getValue()[2] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .forEach(e -> lines.add(String.format(
                        "%s: %,d refreshes (%,d scheduled or requested; %.1f s), %,d shard searches",
                        e.getKey(), e.getValue()[0], e.getValue()[3], e.getValue()[1] / 1e3, e.getValue()[2])));
        return String.join("; ", lines);
    }

    /** What was spent since {@code before}. */
    ElasticsearchWork since(ElasticsearchWork before) {
        return new ElasticsearchWork(
                cpuMillis - before.cpuMillis,
                indexed - before.indexed,
                indexMillis - before.indexMillis,
                refreshes - before.refreshes,
                refreshMillis - before.refreshMillis,
                mergeMillis - before.mergeMillis,
                searches - before.searches);
    }

    /** One line for the report. */
    String describe() {
        return String.format(
                "Elasticsearch spent %.1f s of CPU: %,d documents indexed (%.1f s), %,d refreshes (%.1f s), merges %.1f s,"
                        + " %,d shard searches",
                cpuMillis / 1e3,
                indexed,
                indexMillis / 1e3,
                refreshes,
                refreshMillis / 1e3,
                mergeMillis / 1e3,
                searches);
    }
}
