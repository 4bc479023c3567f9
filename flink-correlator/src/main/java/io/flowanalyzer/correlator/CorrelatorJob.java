package io.flowanalyzer.correlator;

import io.flowanalyzer.correlator.sessions.BindingDocuments;
import io.flowanalyzer.correlator.sessions.MessageRouting;
import io.flowanalyzer.correlator.sessions.SessionDocuments;
import io.flowanalyzer.correlator.sink.ElasticsearchSessionSink;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.IngestTopicsSource;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.SessionRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The correlator: ingest topics → routing → (event-time session stream) → documents → Elasticsearch.
 * Attribution, enrichment and detectors slot in on the session stream between watermarks and
 * documents; {@link #defineWorkflow} is the same in production and in tests.
 */
public final class CorrelatorJob {
    public static final String JOB_NAME = "ipdr-correlator";

    private CorrelatorJob() {}

    public static void main(String[] args) throws Exception {
        CorrelatorConfig config = CorrelatorConfig.fromArgs(CorrelatorConfig.parseArgs(args));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        defineWorkflow(env, config, IngestTopicsSource.create(config), new ElasticsearchSessionSink(config));
        env.execute(JOB_NAME);
    }

    /** Runs the job on a local MiniCluster in this JVM (the embedded stack) and returns its client. */
    public static JobClient startLocal(CorrelatorConfig config) throws Exception {
        Configuration flink = flinkConfiguration(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), flink);
        defineWorkflow(env, config, IngestTopicsSource.create(config), new ElasticsearchSessionSink(config));
        return env.executeAsync(JOB_NAME);
    }

    static Configuration flinkConfiguration(CorrelatorConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
        if (config.checkpointDirectory() != null) {
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
        }
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        return flink;
    }

    /** Wires the pipeline from its source to its sink. */
    public static void defineWorkflow(
            StreamExecutionEnvironment env,
            CorrelatorConfig config,
            Source<KafkaMessage, ?, ?> source,
            Sink<IndexAction> sink) {
        env.setParallelism(config.parallelism());

        SingleOutputStreamOperator<SessionRecord> sessions = env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "ingest-topics")
                .uid("ingest-topics")
                .process(new MessageRouting())
                .name("route-messages")
                .uid("route-messages");

        DataStream<IndexAction> sessionDocuments = sessions.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<SessionRecord>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                                .withTimestampAssigner(
                                        (record, previous) -> record.timestamp().toEpochMilli())
                                .withIdleness(Duration.ofMinutes(1)))
                .name("session-event-time")
                .uid("session-event-time")
                .map(new SessionDocuments())
                .name("session-documents")
                .uid("session-documents");

        DataStream<IndexAction> bindingDocuments = sessions.getSideOutput(MessageRouting.BINDINGS)
                .map(new BindingDocuments())
                .name("binding-documents")
                .uid("binding-documents");

        sessionDocuments
                .union(
                        bindingDocuments,
                        sessions.getSideOutput(MessageRouting.REJECTS),
                        sessions.getSideOutput(MessageRouting.CUSTODY))
                .sinkTo(sink)
                .name("elasticsearch")
                .uid("elasticsearch");
    }
}
