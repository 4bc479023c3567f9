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
        return new BulkIndexWriter(bulk, maxActions, maxRetries, Duration.ofMillis(1), Duration.ofSeconds(1), null);
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
}
