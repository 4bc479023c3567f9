package io.flowanalyzer.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.flowanalyzer.correlator.CorrelatorConfig;
import io.flowanalyzer.correlator.CorrelatorJob;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.ingest.IngestApplication;
import io.flowanalyzer.launcher.demo.DemoSftpServer;
import io.flowanalyzer.launcher.elasticsearch.EmbeddedElasticsearch;
import io.flowanalyzer.launcher.flink.CorrelatorJobHealth;
import io.flowanalyzer.launcher.kafka.EmbeddedKafka;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.portal.PortalApplication;
import io.flowanalyzer.templates.IndexTemplateInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform on one machine: Elasticsearch (child process), a Kafka broker, the correlator
 * on a Flink MiniCluster, and the ingest routes with the portal in one Spring application, all on
 * loopback and all keeping their state in one {@link DataDirectory}.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    /**
     * What to start: where the data lives, the portal's port and address, Elasticsearch's heap and
     * home, and for the demo the folder of ISPs' deliveries its SFTP server offers (null: no demo).
     */
    public record Options(
            DataDirectory data,
            Integer httpPort,
            String bindAddress,
            String elasticsearchHeap,
            Path elasticsearchHome,
            Path demoDeliveries) {
        public Options(
                DataDirectory data,
                Integer httpPort,
                String bindAddress,
                String elasticsearchHeap,
                Path elasticsearchHome) {
            this(data, httpPort, bindAddress, elasticsearchHeap, elasticsearchHome, null);
        }
    }

    /** The case the embedded stack opens for admin at first start. */
    public static final String INITIAL_CASE = "DEMO-0001";

    private final Options options;
    private EmbeddedElasticsearch elasticsearch;
    private EmbeddedKafka kafka;
    private JobClient job;
    private IndexLayout indexLayout;
    private ConfigurableApplicationContext application;
    private DemoSftpServer demoSftp;
    private int httpPort;

    private static final String STATE_BACKEND = "rocksdb";

    public EmbeddedStack(Options options) {
        this.options = options;
    }

    public int httpPort() {
        return httpPort;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The layout of the session and NAT indices the running job writes (monthly, or daily in an older data directory). */
    public IndexLayout indexLayout() {
        return indexLayout;
    }

    public String elasticsearchUrl() {
        return elasticsearch.url();
    }

    public void start() throws Exception {
        DataDirectory data = options.data();
        data.create();
        DataDirectory.Ports ports = data.ports(options.httpPort());
        httpPort = ports.http();

        elasticsearch = new EmbeddedElasticsearch(
                options.elasticsearchHome(),
                data.elasticsearch(),
                data.elasticsearchPids(),
                ports.elasticsearch(),
                ports.elasticsearchTransport(),
                options.elasticsearchHeap());
        elasticsearch.start();

        kafka = new EmbeddedKafka(data.kafka(), ports.kafka(), ports.kafkaController());
        kafka.start();
        kafka.createTopics(2);

        elasticsearch.awaitHealthy(Duration.ofMinutes(3));
        ElasticsearchEndpoint endpoint = ElasticsearchEndpoint.of(elasticsearch.url());
        ElasticsearchClient client = ElasticsearchClients.create(endpoint);
        IndexLayout layout;
        try {
            IndexTemplateInstaller installer = new IndexTemplateInstaller(client);
            installer.install();
            layout = installer.layoutInUse();
        } finally {
            ElasticsearchClients.closeQuietly(client);
        }

        Map<String, String> jobArgs = new HashMap<>();
        jobArgs.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        jobArgs.put("elasticsearch.url", elasticsearch.url());
        jobArgs.put("checkpoint.directory", data.checkpoints().toUri().toString());
        // a data directory keeps the index layout it began with
        // (FLOWANALYZER_JAVA_OPTS=-Dflowanalyzer.job.index.period=…
        // overrides it, below)
        jobArgs.put("index.period", layout.argument());
        // the job resumes from the checkpoint its last run left (FLOWANALYZER_JOB_STATE=fresh starts it empty)
        Path resume = "fresh".equalsIgnoreCase(System.getenv().getOrDefault("FLOWANALYZER_JOB_STATE", "resume"))
                ? null
                : JobCheckpoints.latest(data.checkpoints());
        // keyed state on disk: days of relay sessions and NAT/RADIUS evidence outgrow the heap (a 2 GB heap
        // stalled in full GCs 1.9 million sessions into a delivery)
        if (resume != null && !JobCheckpoints.writtenBy(data.checkpoints(), STATE_BACKEND)) {
            Path aside = JobCheckpoints.moveAside(data.checkpoints());
            LOG.warn(
                    "The correlator's newest checkpoint {} was written by an earlier version's heap state, which"
                            + " Flink cannot restore into RocksDB; the job starts without it, from the Kafka offsets"
                            + " committed with it (indexed records stay; sessions still waiting for late NAT/RADIUS"
                            + " evidence are not updated by it). The old checkpoints are kept in {}",
                    resume,
                    aside);
            resume = null;
        }
        JobCheckpoints.removeSpent(data.checkpoints(), resume);
        if (resume != null) {
            jobArgs.put("checkpoint.restore", resume.toUri().toString());
            LOG.info("Correlator job resumes from its checkpoint {}", resume);
        }
        jobArgs.put("state.backend", STATE_BACKEND);
        JobCheckpoints.markWrittenBy(data.checkpoints(), STATE_BACKEND);
        // what a killed run left in RocksDB's working directory is scratch: its state comes from the checkpoint
        org.springframework.util.FileSystemUtils.deleteRecursively(data.jobState());
        Files.createDirectories(data.jobState());
        jobArgs.put("state.directory", data.jobState().toString());
        jobArgs.putAll(attributionArguments());
        jobArgs.putAll(jobArguments(System.getProperties()));
        CorrelatorConfig jobConfig = CorrelatorConfig.fromArgs(jobArgs);
        indexLayout = jobConfig.indexLayout();
        job = CorrelatorJob.startLocal(jobConfig);
        LOG.info(
                "Correlator job {} submitted to the MiniCluster; session and NAT indices: {}",
                job.getJobID(),
                indexLayout.adjective());

        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", httpPort);
        properties.put("server.address", options.bindAddress());
        properties.put("spring.elasticsearch.uris", elasticsearch.url());
        properties.put("flowanalyzer.ingest.kafka-bootstrap-servers", kafka.bootstrapServers());
        properties.put("flowanalyzer.ingest.inbox", data.inbox().toString());
        properties.put("flowanalyzer.ingest.done", data.ingest().resolve("done").toString());
        properties.put(
                "flowanalyzer.ingest.quarantine",
                data.ingest().resolve("quarantine").toString());
        properties.put(
                "flowanalyzer.ingest.receipts",
                data.ingest().resolve("receipts").toString());
        properties.put(
                "flowanalyzer.ingest.profiles", data.root().resolve("profiles").toString());
        properties.put(
                "flowanalyzer.ingest.ledger", data.ingest().resolve("ledger").toString());
        properties.put(
                "flowanalyzer.ingest.feeds-state",
                data.ingest().resolve("feeds").toString());
        properties.put(
                "flowanalyzer.ingest.reference.directory", data.reference().toString());
        properties.put("flowanalyzer.portal.export.directory", data.exports().toString());
        // Records are searched only inside a case: the embedded stack opens one for admin at first start
        // (FLOWANALYZER_INITIAL_CASE names it; set it empty to open none).
        String initialCase = System.getenv().getOrDefault("FLOWANALYZER_INITIAL_CASE", INITIAL_CASE);
        if (!initialCase.isBlank()) {
            properties.put("flowanalyzer.portal.cases.initial.number", initialCase.strip());
            properties.put("flowanalyzer.portal.cases.initial.title", "Demonstration and acceptance case");
        }
        if (options.demoDeliveries() != null) {
            demoReferenceData(options.demoDeliveries().resolveSibling("reference"), data.reference());
            demoSftp = new DemoSftpServer(data.demoSftp(), ports.demoSftp());
            demoSftp.start(options.demoDeliveries());
            properties.putAll(demoSftp.feedProperties());
        }
        CorrelatorJobHealth jobHealth = new CorrelatorJobHealth(job);
        // As arguments, not default properties: those rank below the modules' own @PropertySource defaults.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        application = new SpringApplicationBuilder(PortalApplication.class, IngestApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("correlatorHealthIndicator", jobHealth))
                .registerShutdownHook(false)
                .run(args);
    }

    /**
     * Puts the demo's reference data (directory, app ranges, watch list, cells) where the reference feed
     * reads it, once: a file already loaded, or an operator's own edit of it, is left alone.
     */
    static void demoReferenceData(Path from, Path to) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(from)) {
            return;
        }
        java.nio.file.Files.createDirectories(to);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(from)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!java.nio.file.Files.exists(to.resolve(name))
                        && !java.nio.file.Files.exists(to.resolve("loaded").resolve(name))) {
                    java.nio.file.Files.copy(f, to.resolve(name));
                }
            }
        }
    }

    /**
     * Any job argument of the embedded correlator, as a system property {@code flowanalyzer.job.<argument>}
     * (e.g. {@code -Dflowanalyzer.job.bulk.flush-interval=PT2S}): the arguments a cluster submission takes.
     */
    public static Map<String, String> jobArguments(java.util.Properties properties) {
        Map<String, String> args = new java.util.TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("flowanalyzer.job.")) {
                args.put(
                        name.substring("flowanalyzer.job.".length()),
                        properties.getProperty(name).strip());
            }
        }
        return args;
    }

    /**
     * The portal's attribution settings ({@code flowanalyzer.attribution.skew} and {@code .open-limit}, as
     * system properties or environment variables) handed to the job too, so the streaming attribution
     * and the "who had this IP?" page apply the same rules.
     */
    static Map<String, String> attributionArguments() {
        Map<String, String> args = new HashMap<>();
        for (String name : new String[] {"skew", "open-limit"}) {
            String value = System.getProperty("flowanalyzer.attribution." + name);
            if (value == null) {
                value = System.getenv(
                        "FLOWANALYZER_ATTRIBUTION_" + name.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
            }
            if (value != null && !value.isBlank()) {
                args.put(
                        "attribution." + name,
                        org.springframework.boot.convert.DurationStyle.detectAndParse(value.strip())
                                .toString());
            }
        }
        // per-ISP tolerances: flowanalyzer.attribution.isp-skew.<isp>, or FLOWANALYZER_ATTRIBUTION_ISPSKEW_<ISP>
        // as Spring binds a map from the environment (key lower-cased)
        Map<String, String> perIsp = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("flowanalyzer.attribution.isp-skew."))
                .forEach(k ->
                        perIsp.put(k.substring("flowanalyzer.attribution.isp-skew.".length()), System.getProperty(k)));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("FLOWANALYZER_ATTRIBUTION_ISPSKEW_")) {
                perIsp.putIfAbsent(
                        k.substring("FLOWANALYZER_ATTRIBUTION_ISPSKEW_".length())
                                .toLowerCase(java.util.Locale.ROOT),
                        v);
            }
        });
        perIsp.forEach((isp, value) -> {
            if (!isp.isBlank() && value != null && !value.isBlank()) {
                args.put(
                        "attribution.isp-skew." + isp,
                        org.springframework.boot.convert.DurationStyle.detectAndParse(value.strip())
                                .toString());
            }
        });
        return args;
    }

    /** Stops everything it started, newest first; each step runs even when an earlier one failed. */
    @Override
    public void close() {
        step("the portal and ingest routes", () -> {
            if (application != null) {
                application.close();
            }
        });
        step("the demo SFTP server", () -> {
            if (demoSftp != null) {
                demoSftp.close();
            }
        });
        step("the correlator job", () -> {
            if (job != null) {
                job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        });
        step("Kafka", () -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        step("Elasticsearch", () -> {
            if (elasticsearch != null) {
                elasticsearch.close();
            }
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("While stopping {}: {}", what, e.toString());
        }
    }
}
