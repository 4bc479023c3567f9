package io.flowanalyzer.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.correlator.sessions.MessageRoutingTest;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The whole job, as production wires it, on a local MiniCluster with a fixed input and a collecting sink. */
public class CorrelatorJobTest {
    static final List<KafkaMessage> INPUT = List.of(
            new KafkaMessage("ipdr.records", "s1", RecordJson.toBytes(MessageRoutingTest.session("s1"))),
            new KafkaMessage("ipdr.records", "s2", RecordJson.toBytes(MessageRoutingTest.session("s2"))),
            new KafkaMessage(
                    "ipdr.rejects",
                    "r1",
                    RecordJson.toBytes(Reject.of(Instant.EPOCH, MessageRoutingTest.DELIVERY, 3, 10L, "bad", "raw"))),
            new KafkaMessage("ipdr.custody", "d1", RecordJson.toBytes(MessageRoutingTest.delivery("d1"))),
            new KafkaMessage("ipdr.nat", "b1", RecordJson.toBytes(MessageRoutingTest.binding("b1"))),
            new KafkaMessage("ipdr.records", "bad", "not json".getBytes(StandardCharsets.UTF_8)));

    public static final ConcurrentLinkedQueue<IndexAction> INDEXED = new ConcurrentLinkedQueue<>();

    /** The messages of the run in progress, handed to the job's source by position. */
    private static volatile List<KafkaMessage> running;

    /**
     * Runs the whole job over {@code input} on a local MiniCluster, wired as in production (job
     * arguments {@code args}, the parallelism among them), with {@code reference} as its reference data;
     * returns what it wrote, also left in {@link #INDEXED}.
     */
    public static List<IndexAction> run(
            List<KafkaMessage> input,
            Map<String, String> args,
            io.flowanalyzer.correlator.enrichment.ReferenceFeed reference)
            throws Exception {
        INDEXED.clear();
        running = List.copyOf(input);
        CorrelatorConfig config = CorrelatorConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism());
        DataGeneratorSource<KafkaMessage> source = new DataGeneratorSource<>(
                i -> running.get(i.intValue()), input.size(), TypeInformation.of(KafkaMessage.class));
        CorrelatorJob.defineWorkflow(env, config, source, reference, new CollectingSink());
        env.execute("correlator-test");
        return List.copyOf(INDEXED);
    }

    /** Collects what the job would index, into {@link #INDEXED}. */
    public static final class CollectingSink implements Sink<IndexAction> {
        @Override
        public SinkWriter<IndexAction> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(IndexAction element, Context ctx) {
                    INDEXED.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void checkpointsAreRetainedAndAJobGivenOneResumesFromItAndOwnsIt() {
        org.apache.flink.configuration.Configuration fresh = CorrelatorJob.flinkConfiguration(
                CorrelatorConfig.fromArgs(Map.of("checkpoint.directory", "file:///c")));
        assertThat(fresh.get(org.apache.flink.configuration.CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(fresh.getOptional(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH))
                .isEmpty();

        org.apache.flink.configuration.Configuration resumed = CorrelatorJob.flinkConfiguration(
                CorrelatorConfig.fromArgs(Map.of("checkpoint.restore", "file:///c/6f1e/chk-42")));
        assertThat(resumed.get(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo("file:///c/6f1e/chk-42");
        assertThat(resumed.get(org.apache.flink.configuration.StateRecoveryOptions.RESTORE_MODE))
                .isEqualTo(org.apache.flink.core.execution.RecoveryClaimMode.CLAIM);
        assertThat(resumed.get(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE))
                .isTrue();
    }

    @Test
    void sessionAndNatIndicesAreMonthlyUnlessTheJobIsToldTheDataDirectoryIsDaily() {
        assertThat(CorrelatorConfig.fromArgs(Map.of()).indexLayout()).isEqualTo(IndexLayout.MONTH);
        assertThat(CorrelatorConfig.fromArgs(Map.of("index.period", "day")).indexLayout())
                .isEqualTo(IndexLayout.DAY);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CorrelatorConfig.fromArgs(Map.of("index.period", "hour")))
                .hasMessageContaining("index period 'hour' is neither 'month' nor 'day'");
    }

    @Test
    void theStateBackendIsTheClustersUnlessTheJobIsToldAndRocksDbCheckpointsAreCompleteInThemselves() {
        org.apache.flink.configuration.Configuration cluster =
                CorrelatorJob.flinkConfiguration(CorrelatorConfig.fromArgs(Map.of()));
        assertThat(cluster.getOptional(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND))
                .isEmpty();

        org.apache.flink.configuration.Configuration embedded =
                CorrelatorJob.flinkConfiguration(CorrelatorConfig.fromArgs(
                        Map.of("state.backend", "rocksdb", "state.directory", "/data/flink/rocksdb")));
        assertThat(embedded.get(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND))
                .isEqualTo("rocksdb");
        assertThat(embedded.get(org.apache.flink.configuration.CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
                .isFalse();
        assertThat(embedded.get(CorrelatorJob.ROCKSDB_LOCAL_DIRECTORIES)).isEqualTo("/data/flink/rocksdb");
    }

    @Test
    void indexesSessionsAndBindingsInTheirDailyIndicesAndKeepsEverythingElse() throws Exception {
        run(INPUT, Map.of("parallelism", "1"), io.flowanalyzer.correlator.enrichment.ReferenceFeed.of(List.of()));

        Map<String, List<String>> idsByIndex = INDEXED.stream()
                .collect(Collectors.groupingBy(
                        IndexAction::index, Collectors.mapping(IndexAction::id, Collectors.toList())));
        assertThat(idsByIndex.get("ipdr-sessions-2024.03")).containsExactlyInAnyOrder("s1", "s2");
        assertThat(idsByIndex.get("ipdr-custody")).containsExactly("d1");
        assertThat(idsByIndex.get("ipdr-nat-2024.03")).containsExactly("b1");
        assertThat(idsByIndex.get("ipdr-rejects")).hasSize(2);
        assertThat(INDEXED).hasSize(6);
    }
}
