package io.flowanalyzer.correlator.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * How the sink sends to Elasticsearch (job arguments {@code --bulk.*}).
 *
 * @param maxActions the most actions in one bulk request
 * @param flushInterval a partly filled request goes at least this often
 * @param maxRetries how often actions the cluster was too busy for are sent again before the job fails
 * @param initialBackoff the first wait before a retry, doubled each time (at most 30 s)
 * @param concurrentRequests how many bulk requests may be in flight while the next one fills; 0 sends each
 *     from the writer's own thread and waits for it (nothing is prepared while Elasticsearch indexes)
 */
public record BulkSettings(
        int maxActions, Duration flushInterval, int maxRetries, Duration initialBackoff, int concurrentRequests)
        implements Serializable {

    public BulkSettings {
        if (maxActions < 1) {
            throw new IllegalArgumentException("bulk.max-actions must be at least 1, not " + maxActions);
        }
        if (concurrentRequests < 0) {
            throw new IllegalArgumentException("bulk.concurrent-requests must be 0 or more, not " + concurrentRequests);
        }
    }

    public static BulkSettings fromArgs(Map<String, String> p) {
        return new BulkSettings(
                Integer.parseInt(p.getOrDefault("bulk.max-actions", "5000")),
                Duration.parse(p.getOrDefault("bulk.flush-interval", "PT1S")),
                Integer.parseInt(p.getOrDefault("bulk.max-retries", "8")),
                Duration.parse(p.getOrDefault("bulk.initial-backoff", "PT0.2S")),
                Integer.parseInt(p.getOrDefault("bulk.concurrent-requests", "1")));
    }
}
