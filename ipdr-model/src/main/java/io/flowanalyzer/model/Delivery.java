package io.flowanalyzer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The custody record of one delivery: which file, from whom, its hash, which format profile read it
 * (and whether it was detected from the content, how surely), when it was read and what became of its
 * lines: {@code lines_read} counts the non-blank lines after the header (the records of a format whose
 * records span several lines, such as a RADIUS detail file), and accepted + rejected = lines_read;
 * banner lines above the header are counted apart. Shaped like its {@code ipdr-custody} document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
        @JsonProperty("@timestamp") Instant receivedAt,
        String id,
        String isp,
        String feed,
        String profile,
        @JsonProperty("profile_version") String profileVersion,
        @JsonProperty("profile_detected") Boolean profileDetected,
        @JsonProperty("profile_confidence") Double profileConfidence,
        @JsonProperty("file_name") String fileName,
        String sha256,
        long size,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("preamble_lines") long preambleLines,
        @JsonProperty("lines_read") long lines,
        long accepted,
        long rejected,
        String status,
        String reason) {

    public static final String COMPLETE = "complete";
    /** Being read: counts so far, updated as the reading goes on. */
    public static final String READING = "reading";

    public static final String QUARANTINED = "quarantined";
    /** An identical file (same ISP, same SHA-256) delivered again: recognised, not read twice. */
    public static final String DUPLICATE = "duplicate";
}
