package io.flowanalyzer.portal.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One export as its owner follows it: what was asked (the search's address), how far it is
 * ({@code written} of {@code total} records), and once complete the file's name, size and SHA-256.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExportJob(
        String id,
        String owner,
        String format,
        String search,
        Status status,
        long total,
        long written,
        String fileName,
        Long size,
        String sha256,
        String message,
        Instant startedAt,
        Instant finishedAt,
        @com.fasterxml.jackson.annotation.JsonProperty("case") String caseNumber,
        @JsonIgnore Path file) {

    public enum Status {
        RUNNING,
        COMPLETE,
        REFUSED,
        FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean finished() {
        return status != Status.RUNNING;
    }

    /** Progress in whole percent (100 when there is nothing to write). */
    public int percent() {
        return total == 0 ? (finished() ? 100 : 0) : (int) Math.min(100, written * 100 / total);
    }

    ExportJob progress(long newTotal, long newWritten) {
        return new ExportJob(
                id,
                owner,
                format,
                search,
                status,
                newTotal,
                newWritten,
                fileName,
                size,
                sha256,
                message,
                startedAt,
                finishedAt,
                caseNumber,
                file);
    }

    ExportJob complete(long bytes, String hash) {
        return new ExportJob(
                id,
                owner,
                format,
                search,
                Status.COMPLETE,
                total,
                written,
                fileName,
                bytes,
                hash,
                message,
                startedAt,
                Instant.now(),
                caseNumber,
                file);
    }

    ExportJob ended(Status end, String why) {
        return new ExportJob(
                id,
                owner,
                format,
                search,
                end,
                total,
                written,
                fileName,
                null,
                null,
                why,
                startedAt,
                Instant.now(),
                caseNumber,
                file);
    }
}
