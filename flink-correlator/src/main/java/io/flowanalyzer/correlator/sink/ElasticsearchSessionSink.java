package io.flowanalyzer.correlator.sink;

import io.flowanalyzer.correlator.CorrelatorConfig;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The Elasticsearch sink, on the official Java client (Flink 2 has no Elasticsearch 8 connector).
 * Writers send bulk requests with deterministic ids and flush before every checkpoint barrier, so a
 * completed checkpoint means every earlier record is stored: at-least-once delivery whose replays
 * overwrite rather than duplicate.
 */
public class ElasticsearchSessionSink implements Sink<IndexAction> {
    private final CorrelatorConfig config;

    public ElasticsearchSessionSink(CorrelatorConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<IndexAction> createWriter(WriterInitContext context) {
        return new BulkIndexWriter(
                ElasticsearchBulkClient.of(config.elasticsearch()), config.bulk(), context.getProcessingTimeService());
    }
}
