package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Work for attribution, published straight to the ingest topics: subscribers behind CGNAT, each with a
 * port block on one of 200 public addresses and a RADIUS session naming them, and sessions from a
 * server log that know only the public address and port — every one attributable to exactly one
 * subscriber through the block and RADIUS (two keyed hops and the verdict each).
 */
final class CgnatWorkload {
    static final String ISP = "bench-cgnat";
    static final String LOGS_FROM = "bench-server-log";
    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    private static final int PUBLIC_ADDRESSES = 200;
    private static final int BLOCK = 256;

    private CgnatWorkload() {}

    /** Publishes the evidence of {@code subscribers} and {@code sessions} sessions; returns the messages sent. */
    static long publish(String bootstrap, int subscribers, int sessions) {
        if (subscribers > PUBLIC_ADDRESSES * ((65536 - 1024) / BLOCK)) {
            throw new IllegalArgumentException(
                    "at most " + PUBLIC_ADDRESSES * ((65536 - 1024) / BLOCK) + " subscribers");
        }
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < subscribers; i++) {
                send(producer, Topics.NAT, block(i));
                send(producer, Topics.NAT, radius(i));
                sent += 2;
            }
            Random random = new Random(42);
            for (int n = 0; n < sessions; n++) {
                int i = random.nextInt(subscribers);
                Instant t = DAY.plusSeconds(3600 + random.nextInt(22 * 3600));
                int port = portStart(i) + random.nextInt(BLOCK);
                String id = String.format("bench-log-%09d", n);
                SessionRecord s = new SessionRecord(
                        t,
                        new SessionRecord.Event(id, t, t.plus(Duration.ofSeconds(40)), null, "server-log", null),
                        new SessionRecord.Source(null, null, new SessionRecord.Nat(publicIp(i), port), 900L),
                        new SessionRecord.Destination("192.0.2.80", 443, 12_000L),
                        new SessionRecord.Network("tcp"),
                        new SessionRecord.Ipdr(
                                null, null, null, LOGS_FROM, "bench", "server-log@1", null, null, null, null),
                        null,
                        null);
                producer.send(new ProducerRecord<>(Topics.RECORDS, id, RecordJson.toBytes(s)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    /** The benchmark's producer: acknowledged by all, batched and compressed like the ingest routes'. */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers",
                bootstrap,
                "acks",
                "all",
                "linger.ms",
                20,
                "batch.size",
                262_144,
                "compression.type",
                "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, NatBinding b) {
        producer.send(new ProducerRecord<>(topic, b.id(), RecordJson.toBytes(b)));
    }

    static String msisdn(int i) {
        return String.valueOf(917_000_000_000L + i);
    }

    private static String privateIp(int i) {
        return "100.64." + (i / 250) + "." + (i % 250 + 1);
    }

    private static String publicIp(int i) {
        return "198.18.0." + (i % PUBLIC_ADDRESSES + 1);
    }

    private static int portStart(int i) {
        return 1024 + BLOCK * (i / PUBLIC_ADDRESSES);
    }

    private static NatBinding block(int i) {
        return new NatBinding(
                DAY,
                new NatBinding.Event("bench-block-" + i, NatBinding.START, DAY, null, null, null, "bench", null),
                new SessionRecord.Source(privateIp(i), null, new SessionRecord.Nat(publicIp(i), null), null),
                null,
                null,
                new NatBinding.Ipdr(
                        null,
                        ISP,
                        "bench",
                        "bench@1",
                        null,
                        new NatBinding.Binding(
                                NatBinding.PORT_BLOCK, portStart(i), portStart(i) + BLOCK - 1, null, null, null)),
                null,
                null);
    }

    private static NatBinding radius(int i) {
        Instant t = DAY.plusSeconds(10);
        return new NatBinding(
                t,
                new NatBinding.Event("bench-radius-" + i, NatBinding.START, t, null, null, null, "bench", null),
                new SessionRecord.Source(privateIp(i), null, null, null),
                null,
                null,
                new NatBinding.Ipdr(
                        new SessionRecord.AParty(null, msisdn(i), null, null, null, null),
                        ISP,
                        "bench",
                        "bench@1",
                        null,
                        new NatBinding.Binding(NatBinding.RADIUS, null, null, "acct-" + i, null, null)),
                null,
                null);
    }
}
