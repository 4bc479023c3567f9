package io.flowanalyzer.launcher.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.geo.OfflineGeo;
import io.flowanalyzer.ingest.feeds.DeliveryIntake;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.launcher.DataDirectory;
import io.flowanalyzer.launcher.EmbeddedStack;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import io.flowanalyzer.templates.IndexTemplateInstaller;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./flowanalyzer bench ingest}: how long a delivery takes from the inbox until every session
 * is searchable (Camel → Kafka → Flink → Elasticsearch on the embedded stack), against the baseline of
 * bulk-indexing the same documents straight into Elasticsearch on the same machine, in the same run.
 */
public final class IngestBenchmark {
    private static final String BASELINE_INDEX = "bench-baseline-sessions";
    private static final String LAYOUT_BASELINE = "bench-layout-sessions";
    private static final String WARMUP_INDEX = "bench-warmup-sessions";
    /** Documents Elasticsearch indexes before anything is timed. */
    private static final int WARMUP_DOCUMENTS = 50_000;
    /** The measured delivery's sessions, apart from the warm-up's (query-string syntax, for a count). */
    private static final String MEASURED =
            "@timestamp:[" + SyntheticDelivery.FIRST_START.toString().substring(0, 10) + " TO *]";
    /** The pipeline warm-up's sessions. */
    private static final String WARMED =
            "@timestamp:[" + SyntheticDelivery.warmUpStart().toString().substring(0, 10) + " TO "
                    + SyntheticDelivery.FIRST_START.toString().substring(0, 10) + "}";

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int lines = 200_000;
        boolean routeOnly = false;
        String heap = "1g";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "ingest" -> {}
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--es-heap" -> heap = args[++i];
                case "--route-only" -> routeOnly = true;
                default -> {
                    System.err.println("usage: flowanalyzer bench ingest [--lines N] [--es-heap SIZE] [--route-only]");
                    System.exit(64);
                }
            }
        }
        int n = lines;
        boolean onlyRoute = routeOnly;
        int code = BenchStack.run("flowanalyzer-bench-", heap, (stack, data, work) -> {
            if (onlyRoute) {
                routeOnly(data, work, n);
            } else {
                run(stack, data, work, n);
            }
        });
        System.exit(code);
    }

    /**
     * {@code --route-only}: a delivery of any size through the inbox into Kafka — read, checked,
     * normalised and published, every send acknowledged — timed from the file's arrival to its custody
     * record; the correlator indexes meanwhile, as it would in production, but is not waited for.
     */
    private static void routeOnly(DataDirectory data, Path work, int lines) throws Exception {
        Path delivery = SyntheticDelivery.writeLines(work.resolve("bench-" + lines + ".csv"), lines);
        long bytes = Files.size(delivery);
        System.out.printf("Delivery: %,d lines, %.1f MB%n", lines, bytes / 1e6);
        Path inbox = data.inbox().resolve("bench");
        Files.createDirectories(inbox);
        Path staged = Files.move(delivery, inbox.resolve(".bench.csv.part"));
        long t0 = System.nanoTime();
        Files.move(staged, inbox.resolve("bench.csv"), StandardCopyOption.ATOMIC_MOVE);
        Path receipt = data.ingest().resolve("receipts/bench/bench.csv.json");
        while (!Files.exists(receipt)) {
            if (System.nanoTime() - t0 > TimeUnit.HOURS.toNanos(2)) {
                throw new IllegalStateException("the delivery was not read within two hours");
            }
            Thread.sleep(200);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Delivery read = RecordJson.fromJson(Files.readString(receipt), Delivery[].class)[0];
        double route = Duration.between(read.receivedAt(), read.finishedAt()).toMillis() / 1e3;
        System.out.printf(
                "%n  Inbox → Kafka (%s: %,d lines, %,d accepted, %,d rejected): %.1f s, %.1f MB/s, %,.0f lines/s"
                        + " (%.1f s from the file's arrival)%n",
                read.status(),
                read.lines(),
                read.accepted(),
                read.rejected(),
                route,
                bytes / 1e6 / route,
                read.lines() / route,
                wall);
        System.out.println("  (every record acknowledged by Kafka before the custody record; the correlator ran"
                + " alongside on the same 2 cores)");
    }

    private static void run(EmbeddedStack stack, DataDirectory data, Path work, int lines) throws Exception {
        Path delivery = SyntheticDelivery.writeLines(work.resolve("bench-" + lines + ".csv"), lines);
        long sessions = lines - SyntheticDelivery.malformedWithin(lines);
        long bytes = Files.size(delivery);
        ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchEndpoint.of(stack.elasticsearchUrl()));
        try {
            System.out.printf(
                    "Delivery: %,d lines (%,d sessions, %,d malformed), %.1f MB%n",
                    lines, sessions, lines - sessions, bytes / 1e6);
            // Enrichment does its real work: a reference catalogue of realistic size on its topic first.
            List<ReferenceEntry> reference = ReferenceWorkload.entries();
            long r0 = System.nanoTime();
            ReferenceWorkload.publish(stack.kafkaBootstrapServers(), reference);
            double publishSeconds = (System.nanoTime() - r0) / 1e9;
            // the delivery comes after: the running job's catalogue is built before its clock starts
            boolean applied = io.flowanalyzer.correlator.enrichment.KafkaReferenceFeed.awaitCaughtUp(
                    io.flowanalyzer.model.Topics.REFERENCE, Duration.ofMinutes(5));
            System.out.printf(
                    "Reference data: %,d entries (300,000 app ranges, 10,001 watch-list entries, 50,000 cells,"
                            + " 100,000 subscribers) published in %.1f s, %s %.1f s after the start%n",
                    reference.size(),
                    publishSeconds,
                    applied ? "applied by the running job" : "NOT applied by the running job within 5 minutes",
                    (System.nanoTime() - r0) / 1e9);

            warmUp(client, stack.indexLayout(), reference, work, Math.min(lines, WARMUP_DOCUMENTS));
            // the job holds its own catalogue; the bench's list of the same entries (a few hundred MB of heap in the
            // JVM the pipeline runs in) is made again for the baseline, after the timed phase
            reference = null;
            long warmUpSessions = warmUpPipeline(client, data, Math.min(lines, WARMUP_DOCUMENTS), lines);

            // The product: inbox → searchable.
            Path inbox = data.inbox().resolve("bench");
            Files.createDirectories(inbox);
            Path staged = Files.copy(delivery, inbox.resolve(".bench.csv.part"));
            double settled = ElasticsearchWork.awaitQuiet(stack.elasticsearchUrl(), Duration.ofSeconds(120));
            ElasticsearchWork esBefore = ElasticsearchWork.read(stack.elasticsearchUrl());
            var familiesBefore = ElasticsearchWork.byFamily(stack.elasticsearchUrl());
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Files.move(staged, inbox.resolve("bench.csv"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = t0 + TimeUnit.MINUTES.toNanos(30);
            long count = 0;
            long indexed = 0;
            long lastProgress = t0;
            long nextReport = t0 + TimeUnit.SECONDS.toNanos(30);
            // progress from the node's indexing counter, which is no search: searching while a delivery is
            // indexed would keep its shards refreshing every second, which nobody searching does not need
            while (count < sessions && System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (System.nanoTime() > nextReport) {
                    System.out.printf(
                            "  ... %,d of %,d sessions indexed after %d s%n",
                            Math.min(indexed, sessions),
                            sessions,
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
                    nextReport += TimeUnit.SECONDS.toNanos(30);
                }
                if (System.nanoTime() - lastProgress > TimeUnit.MINUTES.toNanos(3)) {
                    break; // nothing new indexed for three minutes: the pipeline is stuck
                }
                long before = indexed;
                indexed = ElasticsearchWork.indexedSoFar(stack.elasticsearchUrl()) - esBefore.indexed();
                if (indexed != before) {
                    lastProgress = System.nanoTime();
                }
                if (indexed < sessions) {
                    continue;
                }
                // all indexed: searchable once a search finds them (it refreshes the shards it needs)
                count = searchable(client, MEASURED, count);
            }
            long pipelineNanos = System.nanoTime() - t0;
            long platformCpu = processCpuNanos() - cpu0;
            ElasticsearchWork esPipeline =
                    ElasticsearchWork.read(stack.elasticsearchUrl()).since(esBefore);
            String pipelineFamilies = ElasticsearchWork.familiesSince(
                    familiesBefore, ElasticsearchWork.byFamily(stack.elasticsearchUrl()));
            if (count != sessions) {
                throw new IllegalStateException("only " + count + " of " + sessions + " sessions became searchable");
            }

            // The baseline: the same documents, prepared beforehand (enriched as the job enriches them, in a
            // file: a delivery of millions is more than a heap), bulk-indexed directly.
            Path documents = prepare(delivery, ReferenceWorkload.entries(), stack.indexLayout(), work);
            createBaselineIndex(client);
            settled += ElasticsearchWork.awaitQuiet(stack.elasticsearchUrl(), Duration.ofSeconds(60));
            ElasticsearchWork esBaselineBefore = ElasticsearchWork.read(stack.elasticsearchUrl());
            long b0 = System.nanoTime();
            String baselineRefused = bulk(client, documents, period -> BASELINE_INDEX);
            client.indices().refresh(r -> r.index(BASELINE_INDEX));
            long baselineNanos = System.nanoTime() - b0;
            ElasticsearchWork esBaseline =
                    ElasticsearchWork.read(stack.elasticsearchUrl()).since(esBaselineBefore);
            long baselineCount = client.count(c -> c.index(BASELINE_INDEX)).count();
            client.indices().delete(d -> d.index(BASELINE_INDEX));

            // The same documents again into the product's time-based indices (its template's settings and its
            // layout: a shard a month, or a day): what the index layout costs, apart from the pipeline.
            client.indices().putIndexTemplate(t -> t.name(LAYOUT_BASELINE)
                    .indexPatterns(LAYOUT_BASELINE + "-*")
                    .composedOf(IndexTemplateInstaller.COMPONENT_TEMPLATES)
                    .priority(300L));
            settled += ElasticsearchWork.awaitQuiet(stack.elasticsearchUrl(), Duration.ofSeconds(60));
            ElasticsearchWork esLayoutBefore = ElasticsearchWork.read(stack.elasticsearchUrl());
            long d0 = System.nanoTime();
            String layoutRefused = bulk(client, documents, period -> LAYOUT_BASELINE + "-" + period);
            client.indices().refresh(r -> r.index(LAYOUT_BASELINE + "-*"));
            long layoutNanos = System.nanoTime() - d0;
            long layoutCount =
                    client.count(c -> c.index(LAYOUT_BASELINE + "-*")).count();
            ElasticsearchWork esLayout =
                    ElasticsearchWork.read(stack.elasticsearchUrl()).since(esLayoutBefore);
            List<String> layoutIndices = List.copyOf(client.indices()
                    .get(g -> g.index(LAYOUT_BASELINE + "-*"))
                    .result()
                    .keySet());
            for (int from = 0; from < layoutIndices.size(); from += 50) { // a request line holds 4 KB
                List<String> some = layoutIndices.subList(from, Math.min(from + 50, layoutIndices.size()));
                client.indices().delete(d -> d.index(some));
            }
            client.indices().deleteIndexTemplate(d -> d.name(LAYOUT_BASELINE));

            double pipelineSeconds = pipelineNanos / 1e9;
            double baselineSeconds = baselineNanos / 1e9;
            System.out.println();
            System.out.printf(
                    "  FlowAnalyzer ingest (inbox file → all sessions searchable): %8.1f s  %,10.0f sessions/s%n",
                    pipelineSeconds, sessions / pipelineSeconds);
            // a receipt lists every delivery a file held (one here)
            Delivery receipt = RecordJson.fromJson(
                    Files.readString(data.ingest().resolve("receipts/bench/bench.csv.json")), Delivery[].class)[0];
            System.out.printf(
                    "    of which the ingest route read, checked and published the file to Kafka in %.1f s%n",
                    Duration.between(receipt.receivedAt(), receipt.finishedAt()).toMillis() / 1e3);
            System.out.printf(
                    "  Baseline: raw Elasticsearch bulk of the same %,d documents:  %8.1f s  %,10.0f docs/s%n",
                    baselineCount, baselineSeconds, baselineCount / baselineSeconds);
            System.out.println("    documents " + baselineRefused);
            System.out.printf("  The pipeline takes %.2f× the baseline's time.%n", pipelineSeconds / baselineSeconds);
            System.out.printf(
                    "    pipeline: the platform's JVM (routes, Kafka, Flink) spent %.1f s of CPU; %s%n",
                    platformCpu / 1e9, esPipeline.describe());
            System.out.println("      by index: " + pipelineFamilies);
            System.out.println("    baseline: " + esBaseline.describe());
            System.out.printf(
                    "  The same documents bulk-indexed into the product's %d %s indices: %.1f s, %,.0f docs/s"
                            + " (%.2f× the single index's time); %,d searchable, %s%n    %s%n",
                    layoutIndices.size(),
                    stack.indexLayout().adjective(),
                    layoutNanos / 1e9,
                    layoutCount / (layoutNanos / 1e9),
                    layoutNanos / (double) baselineNanos,
                    layoutCount,
                    layoutRefused,
                    esLayout.describe());

            // Attribution work on the topics too: server-log sessions behind CGNAT, evidence first.
            int attributable = Math.max(1, lines / 4);
            int subscribers = Math.min(20_000, Math.max(1, attributable / 10));
            long published = CgnatWorkload.publish(stack.kafkaBootstrapServers(), subscribers, attributable);
            long all = warmUpSessions + sessions + attributable;
            long w0 = System.nanoTime();
            while (System.nanoTime() - w0 < TimeUnit.MINUTES.toNanos(10)) {
                long now = client.count(c -> c.index(Indices.SESSIONS_ALIAS)).count();
                long attributed = client.count(c -> c.index(Indices.SESSIONS_ALIAS)
                                .q("ipdr.isp:" + CgnatWorkload.LOGS_FROM + " AND ipdr.attribution.method:nat"))
                        .count();
                if (now >= all && attributed == attributable) {
                    break;
                }
                Thread.sleep(500);
            }
            double attributionSeconds = (System.nanoTime() - w0) / 1e9;
            System.out.printf(
                    "  Attribution workload (%,d server-log sessions behind CGNAT, %,d subscribers, %,d messages):"
                            + " all searchable and attributed %.1f s after publishing, %,.0f sessions/s%n",
                    attributable, subscribers, published, attributionSeconds, attributable / attributionSeconds);

            // The correlator alone: everything on the topics again, Kafka in, no Elasticsearch.
            CorrelatorRate.Result job =
                    CorrelatorRate.measure(stack.kafkaBootstrapServers(), work.resolve("correlator-alone"));
            double jobRate = job.documents() / job.flowingSeconds();
            // the ceiling is the faster of the two raw bulk runs: a ratio against the slower would flatter the pipeline
            double singleRate = baselineCount / baselineSeconds;
            double layoutRate = layoutCount / (layoutNanos / 1e9);
            double baselineRate = Math.max(singleRate, layoutRate);
            System.out.printf(
                    "  Raw bulk rate the ratios use: %,.0f docs/s, the faster of the two runs (%s); each phase began on a"
                            + " quiet machine (%.1f s waited in all)%n",
                    baselineRate, singleRate >= layoutRate ? "one index" : "the product's indices", settled);
            System.out.printf(
                    "  Correlator alone (Kafka in, counting sink): %,d documents (%,d attributed through CGNAT, %,d"
                            + " updates) in %.1f s from the first to the last, %,.0f documents/s = %.2f× the raw bulk rate"
                            + " (%.1f s with the MiniCluster's start and the reference topic read first: %.2f×)%n",
                    job.documents(),
                    job.attributed(),
                    job.updates(),
                    job.flowingSeconds(),
                    jobRate,
                    jobRate / baselineRate,
                    job.seconds(),
                    job.documents() / job.seconds() / baselineRate);
            System.out.printf(
                    "  End to end %,.0f sessions/s = %.2f of the raw bulk rate%n",
                    sessions / pipelineSeconds, sessions / pipelineSeconds / baselineRate);
            System.out.println(
                    "  (Same machine, same run, one Elasticsearch node; the baseline's documents were prepared into a file first.)");
        } finally {
            ElasticsearchClients.closeQuietly(client);
        }
    }

    /**
     * The delivery's sessions as the job writes them (enriched with the same reference data), one line a
     * document in a file: its index period (the product's layout), its id and its JSON, tab-separated (JSON holds no raw tab or newline).
     */
    private static Path prepare(Path delivery, List<ReferenceEntry> reference, IndexLayout layout, Path work)
            throws Exception {
        ReferenceCatalogue catalogue = ReferenceCatalogue.of(reference);
        OfflineGeo geo = OfflineGeo.bundled();
        Path documents = work.resolve("baseline-documents.tsv");
        try (BufferedWriter out = Files.newBufferedWriter(documents)) {
            DeliveryPublisher write = new DeliveryPublisher() {
                @Override
                public void record(SessionRecord r) {
                    SessionRecord doc = SessionEnrichment.enrich(r, catalogue, geo);
                    try {
                        out.write(layout.sessionsIndexFor(doc.timestamp()).substring(Indices.SESSIONS_PREFIX.length()));
                        out.write('\t');
                        out.write(doc.id());
                        out.write('\t');
                        out.write(RecordJson.toJson(doc));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                // the baseline indexes sessions only: custody, rejects and the rest are not its documents
                @Override
                public void binding(NatBinding binding) {}

                @Override
                public void reject(Reject reject) {}

                @Override
                public void custody(Delivery delivery) {}

                @Override
                public void reference(ReferenceEntry entry) {}

                @Override
                public void referenceRemoved(String key) {}

                @Override
                public void flush() {}
            };
            new DeliveryIntake(write, FormatProfiles.builtIn(), Clock.systemUTC())
                    .read(
                            delivery,
                            new DeliveryIntake.Source("bench", "inbox", "bench.csv", "generic-csv", ZoneOffset.UTC));
        }
        return documents;
    }

    /**
     * Bulk-indexes the prepared documents as the baseline does: 5,000 a request, two requests at a time.
     * Returns what Elasticsearch refused (none, or how many and the first reason): a baseline that lost
     * documents is not a baseline.
     */
    private static String bulk(ElasticsearchClient client, Path documents, Function<String, String> indexOfPeriod)
            throws IOException {
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstReason =
                new java.util.concurrent.atomic.AtomicReference<>();
        co.elastic.clients.elasticsearch._helpers.bulk.BulkListener<Void> listener =
                new co.elastic.clients.elasticsearch._helpers.bulk.BulkListener<>() {
                    @Override
                    public void beforeBulk(
                            long executionId,
                            co.elastic.clients.elasticsearch.core.BulkRequest request,
                            List<Void> contexts) {}

                    @Override
                    public void afterBulk(
                            long executionId,
                            co.elastic.clients.elasticsearch.core.BulkRequest request,
                            List<Void> contexts,
                            co.elastic.clients.elasticsearch.core.BulkResponse response) {
                        for (var item : response.items()) {
                            if (item.error() != null) {
                                failed.incrementAndGet();
                                firstReason.compareAndSet(null, item.error().reason());
                            }
                        }
                    }

                    @Override
                    public void afterBulk(
                            long executionId,
                            co.elastic.clients.elasticsearch.core.BulkRequest request,
                            List<Void> contexts,
                            Throwable failure) {
                        failed.addAndGet(request.operations().size());
                        firstReason.compareAndSet(null, String.valueOf(failure.getMessage()));
                    }
                };
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client)
                        .maxOperations(5_000)
                        .maxConcurrentRequests(2)
                        .flushInterval(1, TimeUnit.SECONDS)
                        .listener(listener));
                BufferedReader in = Files.newBufferedReader(documents)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int a = line.indexOf('\t');
                int b = line.indexOf('\t', a + 1);
                String target = indexOfPeriod.apply(line.substring(0, a));
                String id = line.substring(a + 1, b);
                BinaryData doc = BinaryData.of(
                        line.substring(b + 1).getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
                ingester.add(op -> op.index(ix -> ix.index(target).id(id).document(doc)));
            }
        }
        return failed.get() == 0
                ? "none refused"
                : String.format("%,d refused, the first because: %s", failed.get(), firstReason.get());
    }

    /** CPU time of this JVM so far: the routes, the Kafka broker and the Flink job of the embedded stack. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The sessions mapping, outside the ipdr-sessions pattern so the baseline never joins the alias. */
    /**
     * Elasticsearch's JIT compiles its indexing code at first use: without a warm-up the phase timed first
     * (the pipeline) paid for it — 28 s of compilation on the node's compiler threads in the pipeline's minute
     * against 13 s in the baseline's, by a flight recording of a 200,000-line run. A running deployment is
     * warm, so both are timed warm: documents of the same shape (the first lines of a delivery like the
     * bench's, read and enriched as the baseline's are) bulk-indexed into a scratch index, then dropped. (The
     * first warm run measured no difference beyond this machine's run-to-run noise: a small bias, removed.)
     */
    private static void warmUp(
            ElasticsearchClient client, IndexLayout layout, List<ReferenceEntry> reference, Path work, int lines)
            throws Exception {
        long w0 = System.nanoTime();
        Path warmup = Files.createDirectories(work.resolve("warmup"));
        Path documents =
                prepare(SyntheticDelivery.writeLines(warmup.resolve("warmup.csv"), lines), reference, layout, warmup);
        createBaselineIndex(client, WARMUP_INDEX);
        String refused = bulk(client, documents, period -> WARMUP_INDEX);
        client.indices().refresh(r -> r.index(WARMUP_INDEX));
        client.indices().delete(d -> d.index(WARMUP_INDEX));
        System.out.printf(
                "Warm-up: %,d documents of the same shape read, enriched and bulk-indexed into a scratch index"
                        + " (then dropped) in %.1f s, %s%n",
                lines, (System.nanoTime() - w0) / 1e9, refused);
    }

    /**
     * The pipeline's own warm-up: a delivery of the size the scratch index took, five years before the measured
     * one, for other subscribers and with its shapes ({@link SyntheticDelivery#writeWarmUp}), through the inbox
     * until every session is searchable. Without it the JIT
     * compiled the route's, the job's and the sink's code inside the timed phase: a flight recording of a
     * 200,000-line run put about a third of the platform JVM's CPU there in its compiler threads, a cost a
     * running deployment pays once, not per delivery. Its documents stay; the measured phase counts its own.
     */
    private static long warmUpPipeline(ElasticsearchClient client, DataDirectory data, int lines, int measuredLines)
            throws Exception {
        long w0 = System.nanoTime();
        Path inbox = Files.createDirectories(data.inbox().resolve("bench"));
        // written beside the inbox's files under a name it skips, then renamed into view at once
        Path staged = SyntheticDelivery.writeWarmUp(inbox.resolve(".warmup.csv.part"), lines, measuredLines / lines);
        long sessions = lines - SyntheticDelivery.malformedWithin(lines);
        Files.move(staged, inbox.resolve("warmup.csv"), StandardCopyOption.ATOMIC_MOVE);
        long deadline = w0 + TimeUnit.MINUTES.toNanos(15);
        long count = 0;
        while (count < sessions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up delivery was not searchable within 15 minutes: " + count
                        + " of " + sessions + " sessions");
            }
            Thread.sleep(500);
            count = searchable(client, WARMED, count);
        }
        System.out.printf(
                "Pipeline warm-up: %,d sessions of five years earlier, for other subscribers, inbox → searchable"
                        + " in %.1f s%n",
                count, (System.nanoTime() - w0) / 1e9);
        return count;
    }

    /** The sessions a search finds for this query; {@code before} while a session index is still being created. */
    private static long searchable(ElasticsearchClient client, String query, long before) {
        try {
            return client.count(c -> c.index(Indices.SESSIONS_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .q(query))
                    .count();
        } catch (Exception shardNotReadyYet) {
            return before; // ask again
        }
    }

    private static void createBaselineIndex(ElasticsearchClient client) throws Exception {
        createBaselineIndex(client, BASELINE_INDEX);
    }

    private static void createBaselineIndex(ElasticsearchClient client, String name) throws Exception {
        JsonNode template;
        try (InputStream in = IndexTemplateInstaller.resource("component-ipdr-sessions-mappings.json")) {
            template = RecordJson.mapper().readTree(in).get("template");
        }
        ObjectNode body = ((ObjectNode) template).deepCopy();
        ObjectNode index = (ObjectNode) body.with("settings").with("index");
        index.put("number_of_shards", 1).put("number_of_replicas", 0).put("refresh_interval", "-1");
        String json = RecordJson.mapper().writeValueAsString(body);
        client.indices().create(c -> c.index(name).withJson(new StringReader(json)));
    }
}
