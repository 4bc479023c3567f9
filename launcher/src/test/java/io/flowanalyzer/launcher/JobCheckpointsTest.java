package io.flowanalyzer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which retained checkpoint the next start resumes from, and what of earlier runs is removed. */
class JobCheckpointsTest {

    private static Path checkpoint(Path dir, String run, String chk, String writtenAt) throws Exception {
        Path c = Files.createDirectories(dir.resolve(run).resolve(chk));
        Path metadata = Files.writeString(c.resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(writtenAt)));
        return c;
    }

    @Test
    void theNewestCompleteCheckpointOfAnyRunIsResumedFrom(@TempDir Path dir) throws Exception {
        assertThat(JobCheckpoints.latest(dir.resolve("none yet"))).isNull();
        assertThat(JobCheckpoints.latest(dir)).isNull();

        checkpoint(dir, "run-a", "chk-3", "2026-12-01T10:00:00Z");
        Path newest = checkpoint(dir, "run-b", "chk-7", "2026-12-01T11:00:00Z");
        // a checkpoint being written when the stack was killed has no metadata yet: it is not complete
        Files.createDirectories(dir.resolve("run-b/chk-8"));
        Files.createDirectories(dir.resolve("run-b/shared"));

        assertThat(JobCheckpoints.latest(dir)).isEqualTo(newest);
    }

    @Test
    void resumingRemovesEveryOtherRunAndAFreshStartOnlyTheSpentOnes(@TempDir Path dir) throws Exception {
        checkpoint(dir, "run-a", "chk-3", "2026-12-01T10:00:00Z");
        Path kept = checkpoint(dir, "run-b", "chk-7", "2026-12-01T11:00:00Z");
        Files.createDirectories(dir.resolve("run-c/shared"));

        JobCheckpoints.removeSpent(dir, null);
        assertThat(dir.resolve("run-c")).doesNotExist();
        assertThat(dir.resolve("run-a/chk-3/_metadata")).exists();

        JobCheckpoints.removeSpent(dir, kept);
        assertThat(dir.resolve("run-a")).doesNotExist();
        assertThat(kept.resolve("_metadata")).exists();
        JobCheckpoints.removeSpent(dir.resolve("missing"), null);
    }

    @Test
    void checkpointsOfAnotherStateBackendAreMovedAsideAndKept(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("flink/checkpoints"));
        Path heap = checkpoint(dir, "run-a", "chk-3", "2026-12-01T10:00:00Z");
        // what versions before the mark wrote: the heap's
        assertThat(JobCheckpoints.writtenBy(dir, "rocksdb")).isFalse();

        Path aside = JobCheckpoints.moveAside(dir);
        assertThat(aside).isEqualTo(data.resolve("flink/checkpoints-old"));
        assertThat(aside.resolve("run-a/chk-3/_metadata")).exists();
        assertThat(JobCheckpoints.latest(dir)).isNull();
        assertThat(heap).doesNotExist();

        JobCheckpoints.markWrittenBy(dir, "rocksdb");
        assertThat(JobCheckpoints.writtenBy(dir, "rocksdb")).isTrue();
        assertThat(JobCheckpoints.writtenBy(dir, "hashmap")).isFalse();
        checkpoint(dir, "run-b", "chk-1", "2026-12-02T10:00:00Z");
        assertThat(JobCheckpoints.latest(dir)).isEqualTo(dir.resolve("run-b/chk-1"));
    }
}
