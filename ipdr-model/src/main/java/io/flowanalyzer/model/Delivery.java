package io.flowanalyzer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The custody record of one delivery: which file, from whom, its hash, when it was read and what
 * became of its lines (accepted + rejected = lines). Shaped like its {@code ipdr-custody} document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
        @JsonProperty("@timestamp") Instant receivedAt,
        String id,
        String isp,
        String feed,
        String profile,
        @JsonProperty("file_name") String fileName,
        String sha256,
        long size,
        @JsonProperty("finished_at") Instant finishedAt,
        long lines,
        long accepted,
        long rejected,
        String status,
        String reason) {

    public static final String COMPLETE = "complete";
    public static final String QUARANTINED = "quarantined";
}
