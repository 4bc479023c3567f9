package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.correlator.CorrelatorConfig;
import io.flowanalyzer.correlator.CorrelatorJob;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.IngestTopicsSource;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The correlator's own rate: the production workflow (routing, enrichment, attribution, detectors, documents) over everything
 * on the ingest topics, read from the first offset to the last under a fresh consumer group, into a
 * sink that only counts — Kafka in, no Elasticsearch.
 */
final class CorrelatorRate {
    static final AtomicLong DOCUMENTS = new AtomicLong();
    static final AtomicLong UPDATES = new AtomicLong();
    static final AtomicLong ATTRIBUTED = new AtomicLong();
    static final AtomicLong FIRST = new AtomicLong();
    static final AtomicLong LAST = new AtomicLong();

    /**
     * {@code seconds}: the whole run, the MiniCluster's start and the reading of the reference topic
     * included; {@code flowingSeconds}: from the first document written to the last, the job's own rate.
     */
    record Result(long documents, long updates, long attributed, double seconds, double flowingSeconds) {}

    private CorrelatorRate() {}

    /** Runs the job over the topics as the embedded stack runs it: RocksDB state and checkpoints in {@code work}. */
    static Result measure(String bootstrap, java.nio.file.Path work) throws Exception {
        DOCUMENTS.set(0);
        UPDATES.set(0);
        ATTRIBUTED.set(0);
        FIRST.set(0);
        LAST.set(0);
        // detectors check whatever waits every second: a bounded run must not sit out the minute a session
        // may wait for the watermark in production before it ends (the work is the same, done sooner)
        Map<String, String> args = new java.util.HashMap<>(
                // what FLOWANALYZER_JAVA_OPTS sets for the stack's job (-Dflowanalyzer.job.<argument>) too
                io.flowanalyzer.launcher.EmbeddedStack.jobArguments(System.getProperties()));
        args.putAll(Map.of(
                "kafka.bootstrap-servers",
                bootstrap,
                "kafka.group",
                "bench-correlator-" + System.nanoTime(),
                "detectors.max-wait",
                "PT1S",
                "state.backend",
                "rocksdb",
                "state.directory",
                java.nio.file.Files.createDirectories(work.resolve("rocksdb")).toString(),
                "checkpoint.directory",
                java.nio.file.Files.createDirectories(work.resolve("checkpoints"))
                        .toUri()
                        .toString()));
        CorrelatorConfig config = CorrelatorConfig.fromArgs(args);
        KafkaSource<KafkaMessage> source = IngestTopicsSource.builder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                config.parallelism(), CorrelatorJob.localConfiguration(config));
        // enrichment on, with the reference data on the reference topic, read as the running job reads it
        CorrelatorJob.defineWorkflow(env, config, source, CorrelatorJob.referenceFeed(config), new CountingSink());
        long t0 = System.nanoTime();
        env.execute("bench-correlator");
        return new Result(
                DOCUMENTS.get(),
                UPDATES.get(),
                ATTRIBUTED.get(),
                (System.nanoTime() - t0) / 1e9,
                (LAST.get() - FIRST.get()) / 1e9);
    }

    /** Counts what would be written, and the sessions written attributed through NAT. */
    static final class CountingSink implements Sink<IndexAction> {
        private static final byte[] NAT = "\"method\":\"nat\"".getBytes(StandardCharsets.UTF_8);

        @Override
        public SinkWriter<IndexAction> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(IndexAction action, Context ctx) {
                    if (action.index().equals(io.flowanalyzer.model.Indices.ALERTS)) {
                        return; // a firing, not a document of the ingested data
                    }
                    long now = System.nanoTime();
                    FIRST.compareAndSet(0, now);
                    LAST.accumulateAndGet(now, Math::max);
                    (action.partial() ? UPDATES : DOCUMENTS).incrementAndGet();
                    if (contains(action.json(), NAT)) {
                        ATTRIBUTED.incrementAndGet();
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }

        private static boolean contains(byte[] json, byte[] part) {
            outer:
            for (int i = json.length - part.length; i >= 0; i--) { // the attribution is near the end
                for (int j = 0; j < part.length; j++) {
                    if (json[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
