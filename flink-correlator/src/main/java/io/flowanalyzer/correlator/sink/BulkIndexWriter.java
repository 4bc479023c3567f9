package io.flowanalyzer.correlator.sink;

import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers index actions and sends them in bulk: when the buffer is full, every flush interval, and
 * before every checkpoint ({@link #flush}). Actions the cluster refuses for being busy or broken are
 * retried with exponential back-off; when retries run out the writer fails, so Flink restarts from
 * the last checkpoint and nothing is lost. A document Elasticsearch refuses for its content becomes
 * a reject in {@code ipdr-rejects}, so nothing disappears either.
 */
public class BulkIndexWriter implements SinkWriter<IndexAction> {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexWriter.class);

    private final BulkClient client;
    private final int maxActions;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration flushInterval;
    private final ProcessingTimeService timers;
    private List<IndexAction> buffer = new ArrayList<>();

    public BulkIndexWriter(
            BulkClient client,
            int maxActions,
            int maxRetries,
            Duration initialBackoff,
            Duration flushInterval,
            ProcessingTimeService timers) {
        this.client = client;
        this.maxActions = maxActions;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.flushInterval = flushInterval;
        this.timers = timers;
        if (timers != null) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        timers.registerTimer(timers.getCurrentProcessingTime() + flushInterval.toMillis(), now -> {
            send();
            scheduleFlush();
        });
    }

    @Override
    public void write(IndexAction action, Context context) throws IOException, InterruptedException {
        buffer.add(action);
        if (buffer.size() >= maxActions) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
    }

    /** Sends the buffer until every action is stored or turned into a reject; throws when retries run out. */
    void send() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<IndexAction> pending = buffer;
        buffer = new ArrayList<>();
        long backoff = initialBackoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            List<IndexAction> retry = new ArrayList<>();
            String lastError;
            try {
                List<BulkClient.ItemResult> results = client.bulk(pending);
                List<IndexAction> refused = new ArrayList<>();
                java.util.Set<String> retried = new java.util.HashSet<>();
                lastError = null;
                for (int i = 0; i < pending.size(); i++) {
                    BulkClient.ItemResult result = results.get(i);
                    IndexAction action = pending.get(i);
                    if (retried.contains(action.index() + "/" + action.id())) {
                        // an earlier write of the same document is retried: this one must follow it, not precede it
                        retry.add(action);
                        continue;
                    }
                    if (result.ok()) {
                        continue;
                    }
                    // an update of a document not indexed yet (written by another operator, still on its
                    // way): wait for it like an overloaded node, within the same retries
                    boolean documentOnItsWay = action.partial() && !action.upsert() && result.status() == 404;
                    if (result.retryable() || documentOnItsWay) {
                        retried.add(action.index() + "/" + action.id());
                        retry.add(pending.get(i));
                        lastError = result.error();
                    } else {
                        refused.add(refusedDocument(pending.get(i), result.error()));
                    }
                }
                if (!refused.isEmpty()) {
                    LOG.warn(
                            "Elasticsearch refused {} documents for their content; they are kept as rejects",
                            refused.size());
                    retry.addAll(refused);
                }
            } catch (IOException | RuntimeException e) {
                retry = pending;
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (retry.isEmpty()) {
                return;
            }
            if (attempt >= maxRetries) {
                throw new IOException("Elasticsearch did not take " + retry.size() + " documents after " + (attempt + 1)
                        + " attempts; last error: " + lastError);
            }
            LOG.warn("Retrying {} documents in {} ms (attempt {}): {}", retry.size(), backoff, attempt + 1, lastError);
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 30_000);
            pending = retry;
        }
    }

    /** The reject that stands for a document Elasticsearch would not index (a reject refused in turn is not wrapped again). */
    static IndexAction refusedDocument(IndexAction action, String error) {
        if (Indices.REJECTS.equals(action.index()) && action.id().startsWith("refused-")) {
            // Should never happen: rejects are built to fit their mapping. Keep the raw bytes in a minimal reject.
            Reject bare = new Reject(
                    Instant.now(),
                    new SessionRecord.Event(action.id() + "-x", null, null, null, "elasticsearch", null),
                    new Reject.Error("Elasticsearch refused a reject: " + error),
                    null,
                    null,
                    null);
            return new IndexAction(Indices.REJECTS, action.id() + "-x", RecordJson.toBytes(bare));
        }
        String raw = new String(action.json(), StandardCharsets.UTF_8);
        String id = "refused-" + action.id();
        Reject reject = new Reject(
                Instant.now(),
                new SessionRecord.Event(id, null, null, null, "elasticsearch:" + action.index(), raw),
                new Reject.Error(
                        "Elasticsearch refused the document " + action.id() + " for " + action.index() + ": " + error),
                null,
                null,
                null);
        return new IndexAction(Indices.REJECTS, id, RecordJson.toBytes(reject));
    }

    @Override
    public void close() {
        client.close();
    }
}
