package io.flowanalyzer.ingest.publish;

import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to the Kafka topics with an idempotent producer (acks=all): sends are asynchronous and
 * {@link #flush()} waits for all of them, failing if any failed, so a delivery is only marked done
 * once every one of its lines is on Kafka. Keys are the records' deterministic ids. One publisher serves
 * every route; a failure is held for the thread that sent the record (a delivery is read on one thread),
 * so one route's flush never swallows, nor is failed by, another route's failed send.
 */
public final class KafkaDeliveryPublisher implements DeliveryPublisher, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final ThreadLocal<AtomicReference<Exception>> firstFailure = ThreadLocal.withInitial(AtomicReference::new);

    public KafkaDeliveryPublisher(String bootstrapServers, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowanalyzer-ingest");
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void record(SessionRecord record) {
        send(Topics.RECORDS, record.id(), RecordJson.toBytes(record));
    }

    @Override
    public void binding(NatBinding binding) {
        send(Topics.NAT, binding.id(), RecordJson.toBytes(binding));
    }

    @Override
    public void reject(Reject reject) {
        send(Topics.REJECTS, reject.id(), RecordJson.toBytes(reject));
    }

    @Override
    public void custody(Delivery delivery) {
        send(Topics.CUSTODY, delivery.id(), RecordJson.toBytes(delivery));
    }

    @Override
    public void reference(io.flowanalyzer.model.reference.ReferenceEntry entry) {
        send(Topics.REFERENCE, entry.key(), RecordJson.toBytes(entry));
    }

    @Override
    public void referenceRemoved(String key) {
        send(Topics.REFERENCE, key, null);
    }

    private void send(String topic, String key, byte[] value) {
        AtomicReference<Exception> failure = firstFailure.get();
        // reported once, to the delivery being read (it fails and is read again), then forgotten
        Exception failed = failure.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException("publishing to Kafka failed earlier in this delivery", failed);
        }
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        Exception failed = firstFailure.get().getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException(
                    "Kafka did not store every record of the delivery: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
