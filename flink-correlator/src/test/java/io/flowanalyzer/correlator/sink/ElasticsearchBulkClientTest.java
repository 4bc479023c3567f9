package io.flowanalyzer.correlator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.correlator.sink.BulkClient.ItemResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk request's NDJSON and the reading of Elasticsearch's filtered answer (the real node: EmbeddedStackIT). */
class ElasticsearchBulkClientTest {

    private static String text(org.apache.http.util.ByteArrayBuffer body) {
        return new String(body.buffer(), 0, body.length(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesEachActionAsTheBulkApisLines() {
        List<IndexAction> actions = List.of(
                new IndexAction("ipdr-sessions-2024.03", "a1", utf8("{\"n\":1,\"t\":\"x\\ny\"}")),
                IndexAction.update("ipdr-sessions-2024.03", "a1", utf8("{\"ipdr\":{\"risk_score\":0.5}}")),
                IndexAction.upsert("ipdr-alerts", "f\"1\\", utf8("{\"rule\":\"volume\"}")),
                new IndexAction("ipdr-rejects", "देव", utf8("{}")));
        assertThat(text(ElasticsearchBulkClient.body(actions)))
                .isEqualTo(
                        """
                        {"index":{"_index":"ipdr-sessions-2024.03","_id":"a1"}}
                        {"n":1,"t":"x\\ny"}
                        {"update":{"_index":"ipdr-sessions-2024.03","_id":"a1","retry_on_conflict":3}}
                        {"doc":{"ipdr":{"risk_score":0.5}},"doc_as_upsert":false}
                        {"update":{"_index":"ipdr-alerts","_id":"f\\"1\\\\","retry_on_conflict":3}}
                        {"doc":{"rule":"volume"},"doc_as_upsert":true}
                        {"index":{"_index":"ipdr-rejects","_id":"देव"}}
                        {}
                        """);
    }

    @Test
    void growsItsBufferForLargeDocuments() {
        String big = "{\"original\":\"" + "x".repeat(100_000) + "\"}";
        List<IndexAction> actions = List.of(new IndexAction("i", "1", utf8(big)), new IndexAction("i", "2", utf8(big)));
        String body = text(ElasticsearchBulkClient.body(actions));
        assertThat(body.split("\n")).hasSize(4);
        assertThat(body).endsWith(big + "\n");
    }

    @Test
    void readsEachItemsStatusAndErrorInOrder() throws IOException {
        // an answer as Elasticsearch 8.19 gives it with filter_path=items.*.status,items.*.error.type,...
        String answer =
                """
                {"items":[{"index":{"status":201}},
                 {"index":{"status":400,"error":{"type":"document_parsing_exception",
                   "reason":"[1:9] failed to parse field [n] of type [integer] in document with id 'b'."}}},
                 {"update":{"status":200}},
                 {"update":{"status":404,"error":{"type":"document_missing_exception","reason":"[m]: document missing"}}},
                 {"index":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected"}}}]}
                """;
        assertThat(ElasticsearchBulkClient.results(new ByteArrayInputStream(utf8(answer)), 5))
                .containsExactly(
                        new ItemResult(201, null),
                        new ItemResult(
                                400,
                                "document_parsing_exception: [1:9] failed to parse field [n] of type [integer] in"
                                        + " document with id 'b'."),
                        new ItemResult(200, null),
                        new ItemResult(404, "document_missing_exception: [m]: document missing"),
                        new ItemResult(429, "es_rejected_execution_exception: rejected"));
    }

    @Test
    void ignoresWhatElseTheAnswerHolds() throws IOException {
        String answer = "{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"i\",\"_id\":\"1\","
                + "\"_shards\":{\"total\":1},\"status\":201,\"result\":\"created\"}}],\"ingest_took\":[1,{}]}";
        assertThat(ElasticsearchBulkClient.results(new ByteArrayInputStream(utf8(answer)), 1))
                .containsExactly(new ItemResult(201, null));
    }

    @Test
    void refusesAnAnswerThatDoesNotMatchTheRequest() {
        assertThatThrownBy(() -> ElasticsearchBulkClient.results(
                        new ByteArrayInputStream(utf8("{\"items\":[{\"index\":{\"status\":201}}]}")), 2))
                .isInstanceOf(IOException.class)
                .hasMessage("Elasticsearch answered a bulk request of 2 actions with 1 results");
        assertThatThrownBy(() -> ElasticsearchBulkClient.results(new ByteArrayInputStream(utf8("{}")), 1))
                .isInstanceOf(IOException.class)
                .hasMessage("Elasticsearch answered a bulk request of 1 actions with 0 results");
        assertThatThrownBy(() -> ElasticsearchBulkClient.results(
                        new ByteArrayInputStream(utf8("{\"items\":[{\"index\":{\"result\":\"created\"}}]}")), 1))
                .isInstanceOf(IOException.class)
                .hasMessage("Elasticsearch answered a bulk item without its status");
        assertThatThrownBy(() -> ElasticsearchBulkClient.results(new ByteArrayInputStream(utf8("[]")), 1))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ElasticsearchBulkClient.results(
                        new ByteArrayInputStream(utf8("{\"items\":[{\"index\":{\"status\":201}}")), 1))
                .isInstanceOf(IOException.class);
    }
}
