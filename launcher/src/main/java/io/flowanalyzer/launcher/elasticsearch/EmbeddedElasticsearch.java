package io.flowanalyzer.launcher.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch server (the distribution Maven Central publishes) run as a child process on
 * loopback, with its config, data, logs and tmp in the instance's data directory. Elasticsearch
 * refuses to run as root, so as root it is started as {@code nobody} through {@code setpriv}.
 * Its pids are written down so a leftover from a killed launcher is stopped on the next start.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearch.class);

    private Path home;
    private final Path instance;
    private final Path pidFile;
    private final int httpPort;
    private final int transportPort;
    private final String heap;
    private Process process;

    public EmbeddedElasticsearch(Path home, Path instance, Path pidFile, int httpPort, int transportPort, String heap) {
        this.home = home;
        this.instance = instance;
        this.pidFile = pidFile;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.heap = heap;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the server process; {@link #awaitHealthy} waits for it to answer. */
    public void start() throws IOException {
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException(
                    "no Elasticsearch distribution at " + home + " (build the project first: mvn -DskipTests install)");
        }
        stopLeftover(pidFile);
        Path config = instance.resolve("config");
        Path data = instance.resolve("data");
        Path logs = instance.resolve("logs");
        Path tmp = instance.resolve("tmp");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Files.createDirectories(tmp);
        if (!Files.exists(config.resolve("jvm.options"))) {
            copyTree(home.resolve("config"), config);
        }
        Files.writeString(
                config.resolve("elasticsearch.yml"),
                String.join(
                        "\n",
                        "# Written by the FlowAnalyzer launcher at every start.",
                        "cluster.name: flowanalyzer",
                        "node.name: flowanalyzer-embedded",
                        "path.data: " + data,
                        "path.logs: " + logs,
                        "network.host: 127.0.0.1",
                        "http.port: " + httpPort,
                        "transport.port: " + transportPort,
                        "discovery.type: single-node",
                        "xpack.security.enabled: false",
                        "xpack.security.http.ssl.enabled: false",
                        "xpack.security.transport.ssl.enabled: false",
                        "action.destructive_requires_name: true",
                        // one machine, one node: a nearly full disk must not turn every index read-only silently
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        // a shard a day for sessions and for NAT/RADIUS evidence: two years of history (what Indian
                        // operators must keep) is ~1,500 shards, over the default of 1,000, past which a new day's
                        // index is refused and its records end up as rejects
                        "cluster.max_shards_per_node: 10000",
                        ""));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "nobody:nogroup", instance.toString()));
            letNobodyThrough(instance.getParent());
            home = homeReadableByNobody(home);
            if (!readableByNobody(instance.resolve("config/elasticsearch.yml"))) {
                throw new IllegalStateException("Elasticsearch runs as the user nobody, which cannot reach " + instance
                        + "; choose a data directory whose parent folders others may enter (chmod o+x)");
            }
        }
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve("console.log").toFile()));
        pb.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("ES_PATH_CONF", config.toString());
        pb.environment().put("ES_TMPDIR", tmp.toString());
        // FLOWANALYZER_ES_JAVA_OPTS: more options for Elasticsearch's JVM (a flight recording, GC logging)
        String extra =
                System.getenv().getOrDefault("FLOWANALYZER_ES_JAVA_OPTS", "").strip();
        pb.environment().put("ES_JAVA_OPTS", ("-Xms" + heap + " -Xmx" + heap + " " + extra).strip());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        process = pb.start();
        Files.writeString(pidFile, process.pid() + "\n");
        LOG.info("Elasticsearch starting (pid {}) on {}", process.pid(), url());
    }

    /** Waits until the cluster reports green or yellow, or fails saying where the server's log is. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue() + "; see "
                        + instance.resolve("logs/console.log"));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"")) {
                    recordPids();
                    LOG.info("Elasticsearch healthy on {}", url());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Elasticsearch did not become healthy within " + timeout.toSeconds()
                + " s; see " + instance.resolve("logs/console.log"));
    }

    /** The CLI process starts the server as its child: remember both, for the leftover check. */
    private void recordPids() {
        try {
            String pids = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .map(h -> String.valueOf(h.pid()))
                    .collect(Collectors.joining("\n"));
            Files.writeString(pidFile, pids + "\n");
        } catch (IOException e) {
            LOG.warn("cannot record Elasticsearch pids in {}: {}", pidFile, e.getMessage());
        }
    }

    /** Stops processes a killed launcher left behind, found by the pid file and checked to be Elasticsearch. */
    public static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            if (line.isBlank()) {
                continue;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.strip()));
            if (handle.isPresent() && handle.get().isAlive() && isElasticsearch(handle.get())) {
                LOG.warn(
                        "Stopping Elasticsearch process {} left over from an earlier run",
                        handle.get().pid());
                terminate(handle.get());
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isElasticsearch(ProcessHandle handle) {
        return handle.info().commandLine().map(c -> c.contains("elasticsearch")).orElse(true);
    }

    private static void terminate(ProcessHandle handle) {
        List<ProcessHandle> family = new ArrayList<>(handle.descendants().toList());
        handle.destroy();
        try {
            handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    child.destroyForcibly();
                }
            }
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        terminate(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the next start checks the pids anyway
        }
        LOG.info("Elasticsearch stopped");
        process = null;
    }

    /**
     * Elasticsearch runs as nobody and must reach its data: a data directory made by mktemp -d, or one
     * under root's home, sits behind folders only root may enter. Those get o+x (enter, not list),
     * each change logged.
     */
    private static void letNobodyThrough(Path dataRoot) throws IOException {
        for (Path dir = dataRoot.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, perms);
                LOG.warn(
                        "Made {} enterable by others (o+x) so that Elasticsearch, running as nobody, can reach its data",
                        dir);
            }
        }
    }

    /**
     * The distribution as the user nobody can read it: where it was built, unless a parent folder
     * is private (a checkout under a 0700 home, say); then a copy in /var/tmp, made once.
     */
    private static Path homeReadableByNobody(Path home) throws IOException {
        if (readableByNobody(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path copy = Path.of("/var/tmp/flowanalyzer", home.getFileName().toString());
        if (!Files.exists(copy.resolve(".complete"))) {
            LOG.info("Copying the Elasticsearch distribution to {} so that the user nobody can run it", copy);
            copyTree(home, copy);
            run(List.of("chmod", "-R", "a+rX", copy.getParent().toString()));
            run(List.of(
                    "sh",
                    "-c",
                    "chmod a+x '" + copy + "'/bin/* '" + copy + "'/modules/*/platform/*/bin/* 2>/dev/null; true"));
            Files.writeString(copy.resolve(".complete"), "");
        }
        return copy;
    }

    private static boolean readableByNobody(Path file) {
        try {
            Process p = new ProcessBuilder(
                            "setpriv",
                            "--reuid=nobody",
                            "--regid=nogroup",
                            "--clear-groups",
                            "test",
                            "-r",
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
