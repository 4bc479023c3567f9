package io.flowanalyzer.correlator.sink;

import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers index actions and sends them in bulk: when the buffer is full, every flush interval, and
 * before every checkpoint ({@link #flush}). Up to {@link BulkSettings#concurrentRequests} requests are in
 * flight on sender threads while the next one fills, so the job prepares documents while Elasticsearch
 * indexes the last ones instead of waiting for it; a request that holds a document an earlier request still
 * in flight holds too waits for that one, so two writes of a document are never reordered. A checkpoint
 * waits for every request in flight. Actions the cluster refuses for being busy or broken are retried with
 * exponential back-off; when retries run out the writer fails, so Flink restarts from the last checkpoint
 * and nothing is lost. A document Elasticsearch refuses for its content becomes a reject in
 * {@code ipdr-rejects}, so nothing disappears either.
 */
public class BulkIndexWriter implements SinkWriter<IndexAction> {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexWriter.class);

    /** A request on its way: the documents it writes, and when it is done (every action stored or rejected). */
    private record InFlight(Set<DocumentKey> documents, Future<?> done) {}

    private record DocumentKey(String index, String id) {
        static DocumentKey of(IndexAction action) {
            return new DocumentKey(action.index(), action.id());
        }
    }

    private final BulkClient client;
    private final BulkSettings settings;
    private final ProcessingTimeService timers;
    private final ExecutorService senders;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private List<IndexAction> buffer = new ArrayList<>();

    public BulkIndexWriter(BulkClient client, BulkSettings settings, ProcessingTimeService timers) {
        this.client = client;
        this.settings = settings;
        this.timers = timers;
        this.senders = settings.concurrentRequests() == 0
                ? null
                : Executors.newFixedThreadPool(settings.concurrentRequests(), runnable -> {
                    Thread thread = new Thread(runnable, "elasticsearch-bulk-sender");
                    thread.setDaemon(true);
                    return thread;
                });
        if (timers != null) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        timers.registerTimer(
                timers.getCurrentProcessingTime() + settings.flushInterval().toMillis(), now -> {
                    dispatch();
                    scheduleFlush();
                });
    }

    @Override
    public void write(IndexAction action, Context context) throws IOException, InterruptedException {
        buffer.add(action);
        if (buffer.size() >= settings.maxActions()) {
            dispatch();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        dispatch();
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /**
     * Hands the buffer to a sender: once fewer than the allowed requests are in flight and none of them holds
     * one of its documents. Throws what an earlier request failed with, so the job restarts from its last
     * checkpoint.
     */
    void dispatch() throws IOException, InterruptedException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done().isDone()) {
            awaitOldest();
        }
        if (buffer.isEmpty()) {
            return;
        }
        List<IndexAction> pending = buffer;
        buffer = new ArrayList<>();
        if (senders == null) {
            send(pending);
            return;
        }
        Set<DocumentKey> documents = new HashSet<>(pending.size() * 2);
        for (IndexAction action : pending) {
            documents.add(DocumentKey.of(action));
        }
        // in flight in order, so waiting for the oldest until no conflict is left keeps each document's writes in order
        while (inFlight.size() >= settings.concurrentRequests() || sharesADocument(documents)) {
            awaitOldest();
        }
        inFlight.addLast(new InFlight(documents, senders.submit(() -> {
            send(pending);
            return null;
        })));
    }

    private boolean sharesADocument(Set<DocumentKey> documents) {
        for (InFlight request : inFlight) {
            if (!Collections.disjoint(request.documents(), documents)) {
                return true;
            }
        }
        return false;
    }

    private void awaitOldest() throws IOException, InterruptedException {
        InFlight oldest = inFlight.pollFirst();
        try {
            oldest.done().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("A bulk request failed", cause);
        }
    }

    /** Sends these actions until every one is stored or turned into a reject; throws when retries run out. */
    private void send(List<IndexAction> pending) throws IOException, InterruptedException {
        long backoff = settings.initialBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            List<IndexAction> retry = new ArrayList<>();
            String lastError;
            try {
                List<BulkClient.ItemResult> results = client.bulk(pending);
                List<IndexAction> refused = new ArrayList<>();
                Set<DocumentKey> retried = new HashSet<>();
                lastError = null;
                for (int i = 0; i < pending.size(); i++) {
                    BulkClient.ItemResult result = results.get(i);
                    IndexAction action = pending.get(i);
                    if (!retried.isEmpty() && retried.contains(DocumentKey.of(action))) {
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
                        retried.add(DocumentKey.of(action));
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
            if (attempt >= settings.maxRetries()) {
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
        if (senders != null) {
            // a closed writer's requests in flight are not waited for: what a checkpoint covers was flushed
            senders.shutdownNow();
        }
        client.close();
    }
}
