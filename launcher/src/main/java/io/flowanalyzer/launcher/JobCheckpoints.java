package io.flowanalyzer.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The correlator's retained checkpoints in the data directory ({@code <dir>/<job id>/chk-<n>/_metadata}):
 * the newest complete one is what the next start resumes from, and the directories of earlier runs that
 * hold no complete checkpoint any more are removed.
 */
final class JobCheckpoints {
    private JobCheckpoints() {}

    /**
     * Whether the checkpoints under {@code directory} were written by {@code backend} (Flink restores a
     * checkpoint only into the state backend that wrote it); those of versions before the mark were the heap's.
     */
    static boolean writtenBy(Path directory, String backend) throws IOException {
        Path mark = mark(directory);
        return Files.exists(mark) && Files.readString(mark).strip().equals(backend);
    }

    /** Records that what is checkpointed under {@code directory} from now on is {@code backend}'s. */
    static void markWrittenBy(Path directory, String backend) throws IOException {
        Files.writeString(mark(directory), backend + "\n");
    }

    /** Moves every checkpoint under {@code directory} to a sibling {@code <name>-old}, kept; returns it. */
    static Path moveAside(Path directory) throws IOException {
        Path aside = directory.resolveSibling(directory.getFileName() + "-old");
        if (Files.exists(aside)) {
            deleteTree(aside);
        }
        Files.move(directory, aside);
        Files.createDirectories(directory);
        Files.deleteIfExists(mark(directory));
        return aside;
    }

    private static Path mark(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".backend");
    }

    /** The newest complete checkpoint under {@code directory}, or null when there is none. */
    static Path latest(Path directory) {
        return complete(directory).stream()
                .max(Comparator.comparing(JobCheckpoints::written))
                .orElse(null);
    }

    /**
     * Removes earlier runs' directories: every one but {@code keep}'s when the job resumes from
     * {@code keep} (their checkpoints are older), else only those without a complete checkpoint.
     */
    static void removeSpent(Path directory, Path keep) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Path keepRun = keep == null ? null : keep.getParent();
        List<Path> withCheckpoint =
                complete(directory).stream().map(Path::getParent).toList();
        try (Stream<Path> runs = Files.list(directory)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                boolean spent = keepRun != null ? !run.equals(keepRun) : !withCheckpoint.contains(run);
                if (spent) {
                    deleteTree(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code <run>/chk-<n>} under {@code directory} that has its {@code _metadata} (is complete). */
    private static List<Path> complete(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(
                directory,
                2,
                (p, attributes) -> attributes.isDirectory()
                        && p.getFileName().toString().startsWith("chk-")
                        && Files.isRegularFile(p.resolve("_metadata")))) {
            return found.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime written(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
