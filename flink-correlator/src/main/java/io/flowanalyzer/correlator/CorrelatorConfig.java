package io.flowanalyzer.correlator;

import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.bindings.AttributionPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The correlator job's parameters, read once at the start of {@code main} from {@code --key value}
 * arguments; the defaults fit the embedded stack. {@code checkpoint.restore} names a retained checkpoint
 * (or savepoint) the job resumes from with all its state, as {@code flink run -s} does on a cluster.
 * {@code state.backend} ({@code hashmap} or {@code rocksdb}) and {@code state.directory} (RocksDB's working
 * files) choose where keyed state lives; absent, the cluster's own configuration decides.
 * {@code index.period} ({@code month}, the default, or {@code day}) is the layout of the session and NAT
 * indices, which must be the one the data already in Elasticsearch was written with.
 */
public record CorrelatorConfig(
        String kafkaBootstrapServers,
        String consumerGroup,
        ElasticsearchEndpoint elasticsearch,
        Duration checkpointInterval,
        String checkpointDirectory,
        String restoreFrom,
        String stateBackend,
        String stateDirectory,
        Duration maxOutOfOrderness,
        io.flowanalyzer.correlator.sink.BulkSettings bulk,
        int parallelism,
        IndexLayout indexLayout,
        Attribution attribution,
        io.flowanalyzer.correlator.detectors.DetectorSettings detectors,
        io.flowanalyzer.correlator.links.LinkSettings links)
        implements Serializable {

    /**
     * Attribution's parameters: the rules shared with the portal's API (clock skew, per-ISP skew, open
     * limit); how long a session waits for late evidence before it is {@code unresolved} rather than
     * {@code pending}; how long after it arrives late evidence still updates it; how much event time of
     * NAT/RADIUS evidence is kept per address and port.
     */
    public record Attribution(
            AttributionPolicy policy, Duration allowedLateness, Duration retention, Duration evidenceWindow)
            implements Serializable {
        static Attribution fromArgs(Map<String, String> p) {
            Map<String, Duration> ispSkew = new java.util.HashMap<>();
            p.forEach((k, v) -> {
                if (k.startsWith("attribution.isp-skew.")) {
                    ispSkew.put(k.substring("attribution.isp-skew.".length()), Duration.parse(v));
                }
            });
            return new Attribution(
                    new AttributionPolicy(
                            Duration.parse(
                                    p.getOrDefault("attribution.skew", AttributionPolicy.DEFAULT_SKEW.toString())),
                            ispSkew,
                            Duration.parse(p.getOrDefault(
                                    "attribution.open-limit", AttributionPolicy.DEFAULT_OPEN_LIMIT.toString()))),
                    Duration.parse(p.getOrDefault("attribution.allowed-lateness", "PT15M")),
                    Duration.parse(p.getOrDefault("attribution.retention", "P3D")),
                    Duration.parse(p.getOrDefault("attribution.evidence-window", "P7D")));
        }
    }

    public static CorrelatorConfig fromArgs(Map<String, String> p) {
        return new CorrelatorConfig(
                p.getOrDefault("kafka.bootstrap-servers", "localhost:9092"),
                p.getOrDefault("kafka.group", "flowanalyzer-correlator"),
                new ElasticsearchEndpoint(
                        p.getOrDefault("elasticsearch.url", "http://localhost:9200"),
                        p.get("elasticsearch.username"),
                        p.get("elasticsearch.password"),
                        p.get("elasticsearch.ca-certificate")),
                Duration.parse(p.getOrDefault("checkpoint.interval", "PT30S")),
                p.get("checkpoint.directory"),
                p.get("checkpoint.restore"),
                p.get("state.backend"),
                p.get("state.directory"),
                Duration.parse(p.getOrDefault("watermark.max-out-of-orderness", "PT10M")),
                io.flowanalyzer.correlator.sink.BulkSettings.fromArgs(p),
                Integer.parseInt(p.getOrDefault("parallelism", "1")),
                IndexLayout.of(p.getOrDefault("index.period", IndexLayout.MONTH.argument())),
                Attribution.fromArgs(p),
                io.flowanalyzer.correlator.detectors.DetectorSettings.fromArgs(p),
                io.flowanalyzer.correlator.links.LinkSettings.fromArgs(p));
    }

    /** Reads {@code --key value} pairs (the form Flink's own tools pass job arguments in). */
    public static Map<String, String> parseArgs(String[] args) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("job argument '" + args[i] + "' is not of the form --key value");
            }
            String key = args[i].substring(2);
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("job argument --" + key + " has no value");
            }
            map.put(key, args[++i]);
        }
        return map;
    }
}
