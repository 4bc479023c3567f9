package io.flowanalyzer.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./flowanalyzer} the way a user does, against one data directory. */
final class FlowAnalyzerCommand {
    static final Path ROOT = Path.of(System.getProperty("flowanalyzer.project.root", ".."))
            .toAbsolutePath()
            .normalize();

    private final Path data;
    private final String adminPassword;

    FlowAnalyzerCommand(Path data, String adminPassword) {
        this.data = data;
        this.adminPassword = adminPassword;
    }

    /** Starts {@code up} in the background, its output going to {@code log}. */
    Process up(int httpPort, Path log) throws IOException {
        return up(httpPort, log, java.util.Map.of());
    }

    /** As {@link #up(int, Path)}, with extra environment (configuration as an operator would give it). */
    Process up(int httpPort, Path log, java.util.Map<String, String> environment) throws IOException {
        ProcessBuilder pb = builder(
                List.of("up", "--data", data.toString(), "--http-port", String.valueOf(httpPort), "--es-heap", "512m"));
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** How a command ended: its exit code and what it printed. */
    record Outcome(int exit, String output) {}

    /** Runs a command on this data directory to its end, whatever its exit code. */
    Outcome attempt(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(args);
        all.add("--data");
        all.add(data.toString());
        Process p = builder(all).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "./flowanalyzer " + String.join(" ", args) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Outcome(p.exitValue(), out);
    }

    /** Runs a command to its end and returns what it printed; fails when it exits non-zero. */
    String run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(args);
        all.add("--data");
        all.add(data.toString());
        Process p = builder(all).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "./flowanalyzer " + String.join(" ", args) + " did not finish within " + timeoutSeconds + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "./flowanalyzer " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("flowanalyzer").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("FLOWANALYZER_ADMIN_PASSWORD", adminPassword);
        pb.environment().put("FLOWANALYZER_SKIP_BUILD", "1");
        return pb;
    }

    /** Processes whose command line names this data directory (the launcher, Elasticsearch and its CLI). */
    List<ProcessHandle> processesOfThisInstance() {
        String marker = data.toString();
        String esConfig = data.resolve("elasticsearch").toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> h.info()
                                .commandLine()
                                .map(c -> c.contains(marker) || c.contains(esConfig))
                                .orElse(false)
                        || environmentNames(h, esConfig))
                .toList();
    }

    /** Elasticsearch's command line does not name the data directory; its environment (ES_PATH_CONF) does. */
    private static boolean environmentNames(ProcessHandle h, String esConfig) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc/" + h.pid() + "/environ"));
            return new String(env, StandardCharsets.UTF_8).contains(esConfig);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
