package io.flowanalyzer.correlator;

import io.flowanalyzer.correlator.attribution.AddressLookup;
import io.flowanalyzer.correlator.attribution.AttributionRouting;
import io.flowanalyzer.correlator.attribution.LookupAnswer;
import io.flowanalyzer.correlator.attribution.NatHop;
import io.flowanalyzer.correlator.attribution.RadiusHop;
import io.flowanalyzer.correlator.attribution.RoutedBinding;
import io.flowanalyzer.correlator.attribution.SessionLookup;
import io.flowanalyzer.correlator.attribution.Verdict;
import io.flowanalyzer.correlator.detectors.AnomalyDetection;
import io.flowanalyzer.correlator.detectors.InEventTimeOrderOperator;
import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.detectors.SimSwap;
import io.flowanalyzer.correlator.enrichment.Enrichment;
import io.flowanalyzer.correlator.enrichment.KafkaReferenceFeed;
import io.flowanalyzer.correlator.enrichment.ReferenceFeed;
import io.flowanalyzer.correlator.links.CoSessionLinks;
import io.flowanalyzer.correlator.links.LinkSettings;
import io.flowanalyzer.correlator.links.Reattributed;
import io.flowanalyzer.correlator.links.RelayHour;
import io.flowanalyzer.correlator.sessions.BindingDocuments;
import io.flowanalyzer.correlator.sessions.MessageRouting;
import io.flowanalyzer.correlator.sink.ElasticsearchSessionSink;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.IngestTopicsSource;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.Topics;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
        defineProductionWorkflow(env, config);
        env.execute(JOB_NAME);
    }

    /** Runs the job on a local MiniCluster in this JVM (the embedded stack) and returns its client. */
    public static JobClient startLocal(CorrelatorConfig config) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), localConfiguration(config));
        defineProductionWorkflow(env, config);
        return env.executeAsync(JOB_NAME);
    }

    /** The Flink configuration of a run on a MiniCluster in this JVM: the job's, and the local task manager's. */
    public static Configuration localConfiguration(CorrelatorConfig config) {
        Configuration flink = flinkConfiguration(config);
        // RocksDB's block cache and write buffers come from this budget, off the heap (a local run gets 256 MB,
        // which the job's half-dozen keyed operators share)
        flink.set(
                org.apache.flink.configuration.TaskManagerOptions.MANAGED_MEMORY_SIZE,
                org.apache.flink.configuration.MemorySize.parse("256m"));
        return flink;
    }

    /** The workflow between the real ends: the ingest topics, the reference topic and Elasticsearch. */
    private static void defineProductionWorkflow(StreamExecutionEnvironment env, CorrelatorConfig config) {
        defineWorkflow(
                env,
                config,
                IngestTopicsSource.create(config),
                referenceFeed(config),
                new ElasticsearchSessionSink(config));
    }

    /** The reference data the job enriches with: the {@code ipdr.reference} topic of the job's Kafka. */
    public static ReferenceFeed referenceFeed(CorrelatorConfig config) {
        return new KafkaReferenceFeed(config.kafkaBootstrapServers(), Topics.REFERENCE, Duration.ofSeconds(60));
    }

    /** RocksDB's working directory (the backend's own options are named here: its module is the cluster's). */
    static final org.apache.flink.configuration.ConfigOption<String> ROCKSDB_LOCAL_DIRECTORIES =
            rocksDbOption("state.backend.rocksdb.localdir");

    private static org.apache.flink.configuration.ConfigOption<String> rocksDbOption(String key) {
        return org.apache.flink.configuration.ConfigOptions.key(key)
                .stringType()
                .noDefaultValue();
    }

    static Configuration flinkConfiguration(CorrelatorConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
        if (config.checkpointDirectory() != null) {
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
        }
        if (config.stateBackend() != null) {
            flink.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, config.stateBackend());
            if ("rocksdb".equalsIgnoreCase(config.stateBackend())) {
                // full checkpoints, each complete in itself: an incremental one shares files with the runs before
                // it, which the embedded stack removes when it resumes (a cluster may choose incremental ones)
                flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
                if (config.stateDirectory() != null) {
                    flink.set(ROCKSDB_LOCAL_DIRECTORIES, config.stateDirectory());
                }
                // point lookups of keys that are mostly absent (the neighbouring start windows of a relay) skip
                // the files by their bloom filter; a two-level index keeps only its top in the block cache
                flink.set(rocksDbOption("state.backend.rocksdb.use-bloom-filter"), "true");
                flink.set(rocksDbOption("state.backend.rocksdb.memory.partitioned-index-filters"), "true");
            }
        }
        // a stopped or killed job leaves its newest checkpoint behind for the next start to resume from:
        // the held sessions, the NAT/RADIUS evidence and the subscribers' baselines are state, not records
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (config.restoreFrom() != null) {
            flink.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, config.restoreFrom());
            // the new job owns the checkpoint and deletes it once its own have replaced it
            flink.set(
                    org.apache.flink.configuration.StateRecoveryOptions.RESTORE_MODE,
                    org.apache.flink.core.execution.RecoveryClaimMode.CLAIM);
            // state of an operator a newer version no longer has is dropped rather than refusing to start
            flink.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
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
            ReferenceFeed reference,
            Sink<IndexAction> sink) {
        env.setParallelism(config.parallelism());
        // every type crossing an operator is an immutable record, so chained operators may hand on the same
        // object instead of a serializer's deep copy of it (a sixth of the session chain's time without this)
        env.getConfig().enableObjectReuse();

        SingleOutputStreamOperator<SessionRecord> routed = env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "ingest-topics")
                .uid("ingest-topics")
                .process(new MessageRouting())
                .name("route-messages")
                .uid("route-messages");
        DataStream<SessionRecord> sessions =
                routed.map(new Enrichment(reference)).name("enrichment").uid("enrichment");

        SingleOutputStreamOperator<IndexAction> directDocuments = sessions.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<SessionRecord>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                                .withTimestampAssigner(
                                        (record, previous) -> record.timestamp().toEpochMilli())
                                .withIdleness(Duration.ofMinutes(1)))
                .name("session-event-time")
                .uid("session-event-time")
                .process(new AttributionRouting(config.indexLayout()))
                .name("direct-sessions")
                .uid("direct-sessions");
        SingleOutputStreamOperator<IndexAction> attributedDocuments = attribution(
                config.indexLayout(),
                config.attribution(),
                reference,
                config.links().enabled() ? config.links() : null,
                directDocuments.getSideOutput(AttributionRouting.TO_ATTRIBUTE),
                routed.getSideOutput(MessageRouting.BINDINGS)
                        .map(BindingEvent::of)
                        .name("binding-events")
                        .uid("binding-events"));

        // sessions as written that name their subscriber, direct or attributed: what detectors and links look at
        // event time again from the sessions themselves: attribution's hops also read NAT/RADIUS evidence, a
        // stream without watermarks, so what leaves them never moves event time on — every session would wait
        // the detectors' whole max-wait in state instead of the watermark
        DataStream<Observation> named = directDocuments
                .getSideOutput(AttributionRouting.TO_DETECT)
                .union(attributedDocuments.getSideOutput(AttributionRouting.TO_DETECT))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Observation>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                                .withTimestampAssigner((o, previous) -> o.at())
                                .withIdleness(Duration.ofMinutes(1)))
                .name("observation-event-time")
                .uid("observation-event-time");
        DataStream<IndexAction> flagUpdates = config.detectors().enabled()
                ? detection(config, named)
                : attributedDocuments.filter(a -> false).name("no-detectors").uid("no-detectors");
        DataStream<IndexAction> links = config.links().enabled()
                ? links(
                        config.indexLayout(),
                        config.links(),
                        named,
                        attributedDocuments.getSideOutput(Verdict.REATTRIBUTED))
                : attributedDocuments.filter(a -> false).name("no-links").uid("no-links");

        DataStream<IndexAction> bindingDocuments = routed.getSideOutput(MessageRouting.BINDINGS)
                .map(new BindingDocuments(config.indexLayout()))
                .name("binding-documents")
                .uid("binding-documents");

        directDocuments
                .union(
                        attributedDocuments,
                        flagUpdates,
                        links,
                        bindingDocuments,
                        routed.getSideOutput(MessageRouting.REJECTS),
                        routed.getSideOutput(MessageRouting.CUSTODY))
                .sinkTo(sink)
                .name("elasticsearch")
                .uid("elasticsearch");
    }

    /** The anomaly detectors over the sessions whose subscriber is known when they are first written. */
    static DataStream<IndexAction> detection(CorrelatorConfig config, DataStream<Observation> named) {
        // the handset's side first (keyed by IMEI), then the subscriber's detectors write every flag at once
        DataStream<Observation> checkedHandsets = named.filter(o -> o.imei() != null)
                .name("with-handset")
                .uid("with-handset")
                .keyBy(Observation::imei)
                .transform(
                        "sim-swap",
                        TypeInformation.of(Observation.class),
                        new InEventTimeOrderOperator<>(new SimSwap(config.detectors())))
                .name("sim-swap")
                .uid("sim-swap")
                .union(named.filter(o -> o.imei() == null)
                        .name("without-handset")
                        .uid("without-handset"));
        return checkedHandsets
                .keyBy(Observation::subscriber)
                .transform(
                        "anomaly-detection",
                        TypeInformation.of(IndexAction.class),
                        new InEventTimeOrderOperator<>(new AnomalyDetection(config.indexLayout(), config.detectors())))
                .name("anomaly-detection")
                .uid("anomaly-detection");
    }

    /**
     * Co-session links: the sessions to relays (messaging and VoIP B-parties) keyed by relay address and
     * hour, each compared with those that started close to it; probable contacts go to {@code ipdr-links}.
     */
    static DataStream<IndexAction> links(
            IndexLayout layout,
            LinkSettings settings,
            DataStream<Observation> named,
            DataStream<Reattributed> reattributed) {
        long minDuration = settings.minDuration().toMillis();
        long tolerance = Math.max(1, settings.startTolerance().toMillis());
        long bucket = RelayHour.bucket(tolerance);
        DataStream<RelayHour> changes = reattributed
                .filter(r -> r.destinationIp() != null && settings.relays(r.category()))
                .name("relay-reattributed")
                .uid("relay-reattributed")
                .flatMap((Reattributed r, org.apache.flink.util.Collector<RelayHour> out) ->
                        RelayHour.route(r, bucket, tolerance, out))
                .returns(RelayHour.class)
                .name("reattributed-hours")
                .uid("reattributed-hours");
        return named.filter(o ->
                        o.destinationIp() != null && settings.relays(o.category()) && o.end() - o.at() >= minDuration)
                .name("relay-sessions")
                .uid("relay-sessions")
                .flatMap((Observation o, org.apache.flink.util.Collector<RelayHour> out) ->
                        RelayHour.route(o, bucket, tolerance, out))
                .returns(RelayHour.class)
                .name("relay-hours")
                .uid("relay-hours")
                .union(changes)
                .keyBy(RelayHour::key)
                .process(new CoSessionLinks(layout, settings))
                .name("co-session-links")
                // keyed by relay and hour since 2026-12: state held by relay alone is not restored
                .uid("co-session-links-by-hour");
    }

    /**
     * Attribution in three keyed hops: the NAT hop (by public address) follows translations and port
     * blocks to private addresses, the RADIUS hop (by address) finds who was given them, and the verdict
     * (by session) counts the people and writes the session, again when late evidence changes it.
     */
    static SingleOutputStreamOperator<IndexAction> attribution(
            IndexLayout layout,
            CorrelatorConfig.Attribution config,
            ReferenceFeed reference,
            LinkSettings links,
            DataStream<SessionRecord> sessions,
            DataStream<BindingEvent> bindings) {
        DataStream<AddressLookup> lookups = sessions.map(SessionLookup::of)
                .name("session-lookups")
                .uid("session-lookups")
                .keyBy(SessionLookup::address)
                .connect(bindings.filter(e -> AttributionRules.isTranslation(e) && e.publicIp() != null)
                        .name("translations")
                        .uid("translations")
                        .keyBy(BindingEvent::publicIp))
                .process(new NatHop(config.policy(), config.retention(), config.evidenceWindow()))
                .name("nat-hop")
                .uid("nat-hop");
        DataStream<LookupAnswer> answers = lookups.keyBy(l -> AttributionRules.addressKey(l.address()))
                .connect(bindings.filter(AttributionRules::isSubscriberBinding)
                        .name("subscriber-bindings")
                        .uid("subscriber-bindings")
                        .flatMap((BindingEvent e, org.apache.flink.util.Collector<RoutedBinding> keyed) ->
                                RoutedBinding.of(e).forEach(keyed::collect))
                        .returns(RoutedBinding.class)
                        .name("subscriber-binding-keys")
                        .uid("subscriber-binding-keys")
                        .keyBy(RoutedBinding::key))
                .process(new RadiusHop(config.policy(), config.retention(), config.evidenceWindow()))
                .name("radius-hop")
                .uid("radius-hop");
        return sessions.keyBy(SessionRecord::id)
                .connect(answers.keyBy(LookupAnswer::sessionId))
                .process(new Verdict(layout, config.allowedLateness(), config.retention(), reference, links))
                .name("attribution-verdict")
                .uid("attribution-verdict");
    }
}
