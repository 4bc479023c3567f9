package io.flowanalyzer.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one folder an embedded instance keeps everything in, so that {@code up} again brings the same
 * data back: Elasticsearch data, Kafka logs, Flink checkpoints, the inbox, and the run files (pids,
 * ports) that {@code stop} and {@code ingest} use to find the running instance.
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path elasticsearch() {
        return root.resolve("elasticsearch");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path checkpoints() {
        return root.resolve("flink").resolve("checkpoints");
    }

    /** The correlator's RocksDB working files: scratch, rebuilt from the checkpoint at every start. */
    public Path jobState() {
        return root.resolve("flink").resolve("rocksdb");
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    /** Reference data files (subscriber directory, app ranges, watch lists, cells) the ingest layer publishes. */
    public Path reference() {
        return root.resolve("reference");
    }

    /** Files exported from the portal (CSV, reports) with their records. */
    public Path exports() {
        return root.resolve("exports");
    }

    public Path ingest() {
        return root.resolve("ingest");
    }

    /** The demo's SFTP server: its host key, known_hosts, account passwords and the ISPs' folders. */
    public Path demoSftp() {
        return root.resolve("demo-sftp");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path launcherPid() {
        return run().resolve("launcher.pid");
    }

    public Path elasticsearchPids() {
        return run().resolve("elasticsearch.pids");
    }

    public Path portsFile() {
        return run().resolve("ports.properties");
    }

    public void create() throws IOException {
        for (Path p : new Path[] {elasticsearch(), kafka(), checkpoints(), inbox(), ingest(), run(), logs()}) {
            Files.createDirectories(p);
        }
    }

    /**
     * The instance's ports: the ones it used before (so clients and Kafka's quorum keep finding it),
     * else free ones; an explicitly requested HTTP port always wins.
     */
    public Ports ports(Integer httpPort) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(portsFile())) {
            try (InputStream in = Files.newInputStream(portsFile())) {
                stored.load(in);
            }
        }
        Ports ports = new Ports(
                httpPort != null ? httpPort : port(stored, "http", 8080),
                port(stored, "elasticsearch", 0),
                port(stored, "elasticsearch.transport", 0),
                port(stored, "kafka", 0),
                port(stored, "kafka.controller", 0),
                port(stored, "demo.sftp", 0));
        Properties out = new Properties();
        out.setProperty("http", String.valueOf(ports.http()));
        out.setProperty("elasticsearch", String.valueOf(ports.elasticsearch()));
        out.setProperty("elasticsearch.transport", String.valueOf(ports.elasticsearchTransport()));
        out.setProperty("kafka", String.valueOf(ports.kafka()));
        out.setProperty("kafka.controller", String.valueOf(ports.kafkaController()));
        out.setProperty("demo.sftp", String.valueOf(ports.demoSftp()));
        try (OutputStream o = Files.newOutputStream(portsFile())) {
            out.store(o, "ports of the embedded IPDR FlowAnalyzer instance in this data directory");
        }
        return ports;
    }

    private static int port(Properties stored, String key, int fallback) throws IOException {
        String v = stored.getProperty(key);
        if (v != null) {
            return Integer.parseInt(v);
        }
        return fallback != 0 ? fallback : freePort();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The loopback ports of one instance. */
    public record Ports(
            int http, int elasticsearch, int elasticsearchTransport, int kafka, int kafkaController, int demoSftp) {}

    public static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
