package io.flowanalyzer.correlator.sink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.model.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.ByteArrayBuffer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * {@link BulkClient} on Elasticsearch's low-level REST client: the request is the bulk API's NDJSON, written
 * straight from the documents' bytes, and the answer is read for what the writer needs, each item's status and
 * error, asked for alone ({@code filter_path}). The Java client's request and response objects (an object per
 * item each way, a full response of about 200 bytes per document parsed into them) were most of the sink's time.
 */
public final class ElasticsearchBulkClient implements BulkClient {
    /** Each item's status and error, and nothing else of the answer. */
    static final String FILTER = "items.*.status,items.*.error.type,items.*.error.reason";

    private static final byte[] INDEX = bytes("{\"index\":{\"_index\":\"");
    private static final byte[] UPDATE = bytes("{\"update\":{\"_index\":\"");
    private static final byte[] ID = bytes("\",\"_id\":\"");
    private static final byte[] RETRY_ON_CONFLICT = bytes("\",\"retry_on_conflict\":3}}\n");
    private static final byte[] END_OF_ACTION = bytes("\"}}\n");
    private static final byte[] DOC = bytes("{\"doc\":");
    private static final byte[] AS_UPSERT = bytes(",\"doc_as_upsert\":true}\n");
    private static final byte[] NOT_AS_UPSERT = bytes(",\"doc_as_upsert\":false}\n");

    private static final byte[] NEWLINE = {'\n'};

    /**
     * Each sending thread's request buffer, kept from one request to the next: a bulk request is several MB,
     * and an array that size is a humongous object to G1, each of which can start a concurrent collection.
     */
    private static final ThreadLocal<ByteArrayBuffer> BODIES =
            ThreadLocal.withInitial(() -> new ByteArrayBuffer(1 << 20));

    private final RestClient rest;

    private ElasticsearchBulkClient(ElasticsearchEndpoint endpoint) {
        this.rest = ElasticsearchClients.restClient(endpoint);
    }

    public static ElasticsearchBulkClient of(ElasticsearchEndpoint endpoint) {
        return new ElasticsearchBulkClient(endpoint);
    }

    @Override
    public List<ItemResult> bulk(List<IndexAction> actions) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", FILTER);
        ByteArrayBuffer body = BODIES.get();
        body.clear();
        body(actions, body);
        // the buffer's own array, sent as it is, without a copy
        request.setEntity(
                new ByteArrayEntity(body.buffer(), 0, body.length(), ContentType.create("application/x-ndjson")));
        boolean answered = false;
        try {
            // a status of the whole request other than 2xx is thrown by the client (ResponseException), and retried
            Response response = rest.performRequest(request);
            answered = true;
            try (InputStream in = response.getEntity().getContent()) {
                return results(in, actions.size());
            }
        } finally {
            if (!answered) {
                // a request given up on may still be read from its buffer: the next one gets a new buffer
                BODIES.remove();
            }
        }
    }

    /** The NDJSON of a bulk request for these actions. */
    static ByteArrayBuffer body(List<IndexAction> actions) {
        return body(actions, new ByteArrayBuffer(1024));
    }

    private static ByteArrayBuffer body(List<IndexAction> actions, ByteArrayBuffer body) {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        for (IndexAction action : actions) {
            write(body, action.partial() ? UPDATE : INDEX);
            write(body, quote.quoteAsUTF8(action.index()));
            write(body, ID);
            write(body, quote.quoteAsUTF8(action.id()));
            if (action.partial()) {
                write(body, RETRY_ON_CONFLICT);
                write(body, DOC);
                write(body, action.json());
                write(body, action.upsert() ? AS_UPSERT : NOT_AS_UPSERT);
            } else {
                write(body, END_OF_ACTION);
                write(body, action.json());
                write(body, NEWLINE);
            }
        }
        return body;
    }

    /**
     * Each item's status and error ({@code type: reason}) from a bulk answer filtered to them, in order; an
     * answer with another number of items than actions sent is not one to act on.
     */
    static List<ItemResult> results(InputStream answer, int expected) throws IOException {
        List<ItemResult> results = new ArrayList<>(expected);
        try (JsonParser p = RecordJson.mapper().createParser(answer)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String field;
            while ((field = p.nextFieldName()) != null) {
                if (!field.equals("items")) {
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                expect(p.nextToken(), JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    p.nextFieldName(); // the operation: index, update
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    results.add(item(p));
                    expect(p.nextToken(), JsonToken.END_OBJECT);
                }
                expect(p.currentToken(), JsonToken.END_ARRAY);
            }
        }
        if (results.size() != expected) {
            throw new IOException("Elasticsearch answered a bulk request of " + expected + " actions with "
                    + results.size() + " results");
        }
        return results;
    }

    private static ItemResult item(JsonParser p) throws IOException {
        int status = -1;
        String type = null;
        String reason = null;
        boolean error = false;
        String field;
        while ((field = p.nextFieldName()) != null) {
            if (field.equals("status")) {
                p.nextToken();
                status = p.getIntValue();
            } else if (field.equals("error") && p.nextToken() == JsonToken.START_OBJECT) {
                error = true;
                String part;
                while ((part = p.nextFieldName()) != null) {
                    p.nextToken();
                    if (part.equals("type")) {
                        type = p.getValueAsString();
                    } else if (part.equals("reason")) {
                        reason = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.nextToken();
                p.skipChildren();
            }
        }
        if (status < 0) {
            throw new IOException("Elasticsearch answered a bulk item without its status");
        }
        return new ItemResult(status, error ? type + ": " + reason : null);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("Elasticsearch's bulk answer is not in the bulk API's shape: " + expected
                    + " expected, " + actual + " found");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayBuffer body, byte[] bytes) {
        body.append(bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException | RuntimeException ignored) {
            // shutting down anyway
        }
    }
}
