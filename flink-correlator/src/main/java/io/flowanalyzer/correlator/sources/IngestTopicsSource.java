package io.flowanalyzer.correlator.sources;

import io.flowanalyzer.correlator.CorrelatorConfig;
import io.flowanalyzer.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source over the ingest topics. It starts from the group's committed offsets (committed
 * on each completed checkpoint), or from the earliest offset the first time, so a restarted job
 * resumes where the last checkpoint left it and replays at most what followed.
 */
public final class IngestTopicsSource {
    private IngestTopicsSource() {}

    public static final List<String> TOPICS = List.of(Topics.RECORDS, Topics.NAT, Topics.REJECTS, Topics.CUSTODY);

    public static KafkaSource<KafkaMessage> create(CorrelatorConfig config) {
        return builder(config).build();
    }

    /** The source as {@link #create} makes it, open to changes (a bounded read for a benchmark). */
    public static KafkaSourceBuilder<KafkaMessage> builder(CorrelatorConfig config) {
        return KafkaSource.<KafkaMessage>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(TOPICS)
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "60000")
                .setDeserializer(new MessageDeserializer());
    }

    /** Keeps topic, key and raw value; never fails, so a poison message cannot stop the job. */
    static final class MessageDeserializer implements KafkaRecordDeserializationSchema<KafkaMessage> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaMessage> out) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            out.collect(new KafkaMessage(record.topic(), key, record.value() == null ? new byte[0] : record.value()));
        }

        @Override
        public TypeInformation<KafkaMessage> getProducedType() {
            return TypeInformation.of(KafkaMessage.class);
        }
    }
}
