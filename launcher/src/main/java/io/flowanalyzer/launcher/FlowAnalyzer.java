package io.flowanalyzer.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./flowanalyzer up}: starts the embedded stack over a data directory and keeps it running
 * until the process is told to stop (Ctrl-C, SIGTERM from {@code ./flowanalyzer stop}).
 */
public final class FlowAnalyzer {
    private FlowAnalyzer() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("data");
        Integer httpPort = null;
        String bind = "127.0.0.1";
        String heap = "1g";
        Path demo = null;
        Path esHome = Optional.ofNullable(System.getProperty("flowanalyzer.elasticsearch.home"))
                .map(Path::of)
                .orElse(null);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> {}
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--http-port" -> httpPort = Integer.parseInt(value(args, ++i, "--http-port"));
                case "--bind" -> bind = value(args, ++i, "--bind");
                case "--es-heap" -> heap = value(args, ++i, "--es-heap");
                case "--demo" -> demo = Path.of(value(args, ++i, "--demo"));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (esHome == null) {
            usage("the system property flowanalyzer.elasticsearch.home is not set (run through ./flowanalyzer)");
        }
        DataDirectory dir = new DataDirectory(data);
        dir.create();
        System.setProperty("flowanalyzer.log.dir", dir.logs().toString());
        refuseSecondInstance(dir);
        Files.writeString(dir.launcherPid(), ProcessHandle.current().pid() + "\n");

        EmbeddedStack stack = new EmbeddedStack(new EmbeddedStack.Options(dir, httpPort, bind, heap, esHome, demo));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping IPDR FlowAnalyzer ...");
                            stack.close();
                            try {
                                Files.deleteIfExists(dir.launcherPid());
                            } catch (Exception ignored) {
                                // nothing left to do
                            }
                            stopped.countDown();
                            System.out.println("IPDR FlowAnalyzer stopped.");
                        },
                        "flowanalyzer-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("IPDR FlowAnalyzer could not start: " + e.getMessage());
            System.err.println(
                    "Logs are in " + dir.logs() + " and " + dir.elasticsearch().resolve("logs"));
            System.exit(1);
        }
        System.out.println();
        System.out.println("  IPDR FlowAnalyzer is up: http://localhost:" + stack.httpPort() + "/");
        System.out.println("  Data directory: " + dir.root());
        System.out.println(
                "  Hand it files with: ./flowanalyzer ingest --isp NAME FILE...   Stop with Ctrl-C or ./flowanalyzer stop");
        System.out.println();
        stopped.await();
    }

    private static void refuseSecondInstance(DataDirectory dir) throws Exception {
        if (!Files.exists(dir.launcherPid())) {
            return;
        }
        String text = Files.readString(dir.launcherPid()).strip();
        if (text.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> other = ProcessHandle.of(Long.parseLong(text));
        if (other.isPresent()
                && other.get().isAlive()
                && other.get().pid() != ProcessHandle.current().pid()) {
            System.err.println("An instance is already running on " + dir.root() + " (pid " + text
                    + "). Stop it first: ./flowanalyzer stop --data " + dir.root());
            System.exit(2);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("flowanalyzer up: " + problem);
        System.err.println("usage: flowanalyzer up [--data DIR] [--http-port N] [--bind ADDRESS] [--es-heap SIZE]");
        System.exit(64);
    }
}
