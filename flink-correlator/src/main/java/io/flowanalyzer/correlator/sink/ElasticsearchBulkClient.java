package io.flowanalyzer.correlator.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.model.RecordJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link BulkClient} on the Elasticsearch Java client; documents go as the bytes they already are. */
final class ElasticsearchBulkClient implements BulkClient {
    private final ElasticsearchClient client;

    ElasticsearchBulkClient(ElasticsearchEndpoint endpoint) {
        this.client = ElasticsearchClients.create(endpoint);
    }

    @Override
    public List<ItemResult> bulk(List<IndexAction> actions) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (IndexAction action : actions) {
            if (action.partial()) {
                JsonNode fields = RecordJson.mapper().readTree(action.json());
                request.operations(op -> op.update(u -> u.index(action.index())
                        .id(action.id())
                        .retryOnConflict(3)
                        .action(a -> a.doc(fields).docAsUpsert(action.upsert()))));
            } else {
                BinaryData document = BinaryData.of(action.json(), ContentType.APPLICATION_JSON);
                request.operations(op ->
                        op.index(i -> i.index(action.index()).id(action.id()).document(document)));
            }
        }
        BulkResponse response = client.bulk(request.build());
        List<ItemResult> results = new ArrayList<>(actions.size());
        for (BulkResponseItem item : response.items()) {
            String error = item.error() == null
                    ? null
                    : item.error().type() + ": " + item.error().reason();
            results.add(new ItemResult(item.status(), error));
        }
        return results;
    }

    @Override
    public void close() {
        ElasticsearchClients.closeQuietly(client);
    }
}
