package io.flowanalyzer.correlator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BulkIndexWriterTest {

    /** A bulk endpoint that answers from a script and remembers every request, to specify the retry rules. */
    static final class ScriptedBulk implements BulkClient {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<List<IndexAction>> requests = new ArrayList<>();

        @Override
        public List<ItemResult> bulk(List<IndexAction> actions) throws IOException {
            requests.add(List.copyOf(actions));
            Object answer = answers.isEmpty() ? null : answers.poll();
            if (answer instanceof IOException e) {
                throw e;
            }
            if (answer instanceof int[] statuses) {
                List<ItemResult> results = new ArrayList<>();
                for (int s : statuses) {
                    results.add(new ItemResult(s, s >= 300 ? "mapper_parsing_exception: status " + s : null));
                }
                return results;
            }
            return actions.stream().map(a -> new ItemResult(201, null)).toList();
        }

        @Override
        public void close() {}
    }

    private static IndexAction doc(String id) {
        return new IndexAction(
                "ipdr-sessions-2024.03.01", id, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static BulkIndexWriter writer(ScriptedBulk bulk, int maxActions, int maxRetries) {
        return new BulkIndexWriter(
                bulk, new BulkSettings(maxActions, Duration.ofSeconds(1), maxRetries, Duration.ofMillis(1), 0), null);
    }

    @Test
    void sendsWhenTheBufferIsFullAndAtEveryCheckpoint() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        BulkIndexWriter writer = writer(bulk, 2, 3);
        writer.write(doc("a"), null);
        assertThat(bulk.requests).isEmpty();
        writer.write(doc("b"), null);
        writer.write(doc("c"), null);
        assertThat(bulk.requests).hasSize(1);
        writer.flush(false);
        assertThat(bulk.requests)
                .extracting(r -> r.stream().map(IndexAction::id).toList())
                .containsExactly(List.of("a", "b"), List.of("c"));
        writer.flush(false);
        assertThat(bulk.requests).hasSize(2);
    }

    @Test
    void retriesOnlyTheItemsTheClusterWasTooBusyFor() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        bulk.answers.add(new int[] {201, 429, 503});
        BulkIndexWriter writer = writer(bulk, 10, 3);
        writer.write(doc("a"), null);
        writer.write(doc("b"), null);
        writer.write(doc("c"), null);
        writer.flush(false);
        assertThat(bulk.requests)
                .extracting(r -> r.stream().map(IndexAction::id).toList())
                .containsExactly(List.of("a", "b", "c"), List.of("b", "c"));
    }

    @Test
    void retriesTheWholeRequestWhenTheClusterIsUnreachable() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        bulk.answers.add(new IOException("Connection refused"));
        bulk.answers.add(new IOException("Connection refused"));
        BulkIndexWriter writer = writer(bulk, 10, 3);
        writer.write(doc("a"), null);
        writer.flush(false);
        assertThat(bulk.requests)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r).extracting(IndexAction::id).containsExactly("a"));
    }

    @Test
    void failsTheCheckpointWhenRetriesRunOutSoNothingIsLost() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        for (int i = 0; i < 5; i++) {
            bulk.answers.add(new IOException("Connection refused"));
        }
        BulkIndexWriter writer = writer(bulk, 10, 2);
        writer.write(doc("a"), null);
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Elasticsearch did not take 1 documents after 3 attempts; last error: IOException: Connection refused");
    }

    @Test
    void keepsADocumentTheClusterRefusesAsAReject() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        bulk.answers.add(new int[] {201, 400});
        BulkIndexWriter writer = writer(bulk, 10, 3);
        writer.write(doc("a"), null);
        writer.write(doc("b"), null);
        writer.flush(false);
        assertThat(bulk.requests).hasSize(2);
        IndexAction kept = bulk.requests.get(1).get(0);
        assertThat(kept.index()).isEqualTo("ipdr-rejects");
        assertThat(kept.id()).isEqualTo("refused-b");
        Reject reject = RecordJson.fromBytes(kept.json(), Reject.class);
        assertThat(reject.reason())
                .isEqualTo(
                        "Elasticsearch refused the document b for ipdr-sessions-2024.03.01: mapper_parsing_exception: status 400");
        assertThat(reject.raw()).isEqualTo("{\"id\":\"b\"}");
    }

    @Test
    void aLaterWriteOfADocumentWhoseEarlierWriteIsRetriedIsRetriedAfterIt() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        bulk.answers.add(new int[] {429, 201, 200});
        BulkIndexWriter writer = writer(bulk, 10, 3);
        IndexAction update = IndexAction.update(
                "ipdr-sessions-2024.03.01",
                "a",
                "{\"ipdr\":{\"attribution\":{\"method\":\"nat\"}}}".getBytes(StandardCharsets.UTF_8));
        writer.write(doc("a"), null);
        writer.write(doc("b"), null);
        writer.write(update, null);
        writer.flush(false);
        // the update of a succeeded the first time, but on a document not yet written: it goes again, after it
        assertThat(bulk.requests.get(1))
                .extracting(a -> a.id() + (a.partial() ? " update" : " document"))
                .containsExactly("a document", "a update");
    }

    @Test
    void anUpdateOfADocumentNotIndexedYetWaitsForItButAMissingDocumentsIndexRefusalStays() throws Exception {
        ScriptedBulk bulk = new ScriptedBulk();
        bulk.answers.add(new int[] {404, 404});
        BulkIndexWriter writer = writer(bulk, 10, 3);
        byte[] fields = "{\"ipdr\":{\"risk_score\":0.5}}".getBytes(StandardCharsets.UTF_8);
        writer.write(IndexAction.update("ipdr-sessions-2024.03.01", "s1", fields), null);
        writer.write(doc("d1"), null); // a 404 on an index operation is not a missing document: refused
        writer.flush(false);
        assertThat(bulk.requests).hasSize(2);
        assertThat(bulk.requests.get(1))
                .extracting(a -> a.index() + "/" + a.id().replaceAll("^refused-.*", "refused"))
                .containsExactly("ipdr-sessions-2024.03.01/s1", "ipdr-rejects/refused");
    }

    /** A bulk endpoint that holds each request until the test lets it go, to see what is in flight at once. */
    static final class GatedBulk implements BulkClient {
        final BlockingQueue<List<String>> started = new LinkedBlockingQueue<>();
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final Map<String, IOException> failures = new ConcurrentHashMap<>();
        final List<List<String>> finished = java.util.Collections.synchronizedList(new ArrayList<>());

        /** Requests are named by their first document. */
        CountDownLatch gate(String first) {
            return gates.computeIfAbsent(first, k -> new CountDownLatch(1));
        }

        @Override
        public List<ItemResult> bulk(List<IndexAction> actions) throws IOException {
            List<String> ids = actions.stream().map(IndexAction::id).toList();
            started.add(ids);
            try {
                if (!gate(ids.get(0)).await(10, TimeUnit.SECONDS)) {
                    throw new IOException("the test never let request " + ids + " go");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            IOException failure = failures.get(ids.get(0));
            if (failure != null) {
                throw failure;
            }
            finished.add(ids);
            return actions.stream().map(a -> new ItemResult(201, null)).toList();
        }

        @Override
        public void close() {}
    }

    private static BulkIndexWriter concurrent(BulkClient bulk, int maxActions, int concurrentRequests) {
        return new BulkIndexWriter(
                bulk,
                new BulkSettings(maxActions, Duration.ofSeconds(1), 0, Duration.ofMillis(1), concurrentRequests),
                null);
    }

    /** Runs {@code step} on another thread; its future completes when the writer lets the step through. */
    private static CompletableFuture<Void> async(WriterStep step) {
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    interface WriterStep {
        void run() throws Exception;
    }

    @Test
    void fillsTheNextRequestWhileTwoAreInFlightAndWaitsOnlyForAThird() throws Exception {
        GatedBulk bulk = new GatedBulk();
        BulkIndexWriter writer = concurrent(bulk, 2, 2);
        writer.write(doc("a"), null);
        writer.write(doc("b"), null); // full: on its way, the writer goes on
        writer.write(doc("c"), null);
        writer.write(doc("d"), null); // the second request in flight
        // both in flight at once, started by two sender threads in either order
        assertThat(List.of(bulk.started.poll(5, TimeUnit.SECONDS), bulk.started.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(List.of("a", "b"), List.of("c", "d"));
        writer.write(doc("e"), null);
        CompletableFuture<Void> third = async(() -> writer.write(doc("f"), null));
        Thread.sleep(200);
        assertThat(third).as("a third request waits while two are in flight").isNotDone();
        assertThat(bulk.started).isEmpty();
        bulk.gate("a").countDown();
        third.get(5, TimeUnit.SECONDS);
        assertThat(bulk.started.poll(5, TimeUnit.SECONDS)).containsExactly("e", "f");
        CompletableFuture<Void> checkpoint = async(() -> writer.flush(false));
        Thread.sleep(200);
        assertThat(checkpoint)
                .as("a checkpoint waits for every request in flight")
                .isNotDone();
        bulk.gate("c").countDown();
        bulk.gate("e").countDown();
        checkpoint.get(5, TimeUnit.SECONDS);
        assertThat(bulk.finished).hasSize(3);
        writer.close();
    }

    @Test
    void aRequestWithADocumentStillInFlightWaitsForIt() throws Exception {
        GatedBulk bulk = new GatedBulk();
        BulkIndexWriter writer = concurrent(bulk, 2, 2);
        writer.write(doc("a"), null);
        writer.write(doc("b"), null);
        assertThat(bulk.started.poll(5, TimeUnit.SECONDS)).containsExactly("a", "b");
        writer.write(doc("c"), null);
        IndexAction flagsOfB = IndexAction.update(
                "ipdr-sessions-2024.03.01", "b", "{\"ipdr\":{\"risk_score\":0.5}}".getBytes(StandardCharsets.UTF_8));
        // c's request also updates b, whose document is still on its way: it must not overtake it
        CompletableFuture<Void> second = async(() -> writer.write(flagsOfB, null));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        assertThat(bulk.started).isEmpty();
        bulk.gate("a").countDown();
        second.get(5, TimeUnit.SECONDS);
        assertThat(bulk.started.poll(5, TimeUnit.SECONDS)).containsExactly("c", "b");
        // the same id in another index is another document: no wait
        bulk.gate("c").countDown();
        writer.write(doc("x"), null);
        writer.write(new IndexAction("ipdr-sessions-2024.04.01", "c", "{}".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(bulk.started.poll(5, TimeUnit.SECONDS)).containsExactly("x", "c");
        bulk.gate("x").countDown();
        writer.flush(false);
        // b's update went after b's document; the last two requests were in flight together, so either may end first
        assertThat(bulk.finished.get(0)).isEqualTo(List.of("a", "b"));
        assertThat(bulk.finished).containsExactlyInAnyOrder(List.of("a", "b"), List.of("c", "b"), List.of("x", "c"));
    }

    @Test
    void aRequestThatFailsInFlightFailsTheNextWriteOrCheckpoint() throws Exception {
        GatedBulk bulk = new GatedBulk();
        bulk.failures.put("a", new IOException("Connection refused"));
        BulkIndexWriter writer = concurrent(bulk, 1, 2);
        writer.write(doc("a"), null);
        bulk.gate("a").countDown();
        bulk.gate("b").countDown();
        assertThatThrownBy(() -> {
                    writer.write(doc("b"), null);
                    writer.flush(false);
                })
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Elasticsearch did not take 1 documents after 1 attempts; last error: IOException: Connection refused");
        writer.close();
    }
}
