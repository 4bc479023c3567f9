package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.launcher.DataDirectory;
import io.flowanalyzer.launcher.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away embedded stack for one benchmark run: a fresh data directory in a temporary folder,
 * the whole platform started on it, closed at the end, and the folder deleted when the run succeeded
 * (kept, and said so, when it failed).
 */
final class BenchStack {
    private BenchStack() {}

    /** What a benchmark does with its stack. */
    interface Run {
        void run(EmbeddedStack stack, DataDirectory data, Path work) throws Exception;
    }

    /** Runs {@code run} on a fresh stack and returns the process exit code (0 when it succeeded). */
    static int run(String prefix, String heap, Run run) throws Exception {
        Path esHome = Path.of(System.getProperty("flowanalyzer.elasticsearch.home"));
        Path work = Files.createTempDirectory(prefix);
        DataDirectory data = new DataDirectory(work.resolve("data"));
        System.setProperty("flowanalyzer.log.dir", data.logs().toString());
        EmbeddedStack stack =
                new EmbeddedStack(new EmbeddedStack.Options(data, DataDirectory.freePort(), "127.0.0.1", heap, esHome));
        int code = 0;
        try {
            stack.start();
            run.run(stack, data, work);
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            code = 1;
        } finally {
            stack.close();
            if (code == 0) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            } else {
                System.err.println("Logs and data of the failed run are kept in " + work);
            }
        }
        return code;
    }
}
