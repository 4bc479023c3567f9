package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Topics;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reference data of a realistic size for the benchmark, so that enrichment does its real work: 300,000
 * app ranges (the bench sessions' destinations among them, half of those with a validity period that
 * ends inside the delivery's day), 10,000 watch-list entries (one holding some destinations), 50,000
 * cells and 100,000 subscribers (the delivery's 500 among them).
 */
final class ReferenceWorkload {
    private static final Instant SWITCH = SyntheticDelivery.FIRST_START.plusSeconds(6 * 3600);

    private ReferenceWorkload() {}

    static List<ReferenceEntry> entries() {
        List<ReferenceEntry> entries = new ArrayList<>(460_000);
        for (int i = 0; i < 300_000; i++) { // /24s from 11.0.0.0 up: far more than any real catalogue
            long base = 0x0B00_0000L + ((long) i << 8);
            entries.add(ReferenceEntry.app(
                    ((base >>> 24) & 0xff) + "." + ((base >>> 16) & 0xff) + "." + ((base >>> 8) & 0xff) + ".0/24",
                    "Service " + i % 5000,
                    i % 3 == 0 ? "messaging" : "web",
                    null,
                    null,
                    "bench-apps:" + i));
        }
        entries.add(ReferenceEntry.app("157.240.0.0/16", "Facebook", "social", null, null, "bench-apps:meta"));
        for (int x = 0; x < 256; x += 2) {
            entries.add(ReferenceEntry.app(
                    "157.240." + x + ".0/24", "WhatsApp", "messaging", null, SWITCH, "bench-apps:wa-old-" + x));
            entries.add(ReferenceEntry.app(
                    "157.240." + x + ".0/24", "WhatsApp Relay", "messaging", SWITCH, null, "bench-apps:wa-new-" + x));
        }
        entries.add(ReferenceEntry.app("2409:4042::/32", "Jio Services", "web", null, null, "bench-apps:jio"));
        for (int i = 0; i < 10_000; i++) {
            entries.add(ReferenceEntry.watch(
                    "bench-intel", "198.18." + (i >>> 8) + "." + (i & 0xff), "listed " + i, 0.6, null, null, "w:" + i));
        }
        entries.add(ReferenceEntry.watch("bench-case", "157.240.7.0/24", "relay in case", 0.9, null, null, "w:case"));
        for (int i = 0; i < 50_000; i++) {
            entries.add(ReferenceEntry.cell(
                    "40445-" + i,
                    8 + (i % 2800) / 100.0,
                    68 + (i % 2900) / 100.0,
                    i % 360,
                    "cell " + i,
                    null,
                    "c:" + i));
        }
        for (int i = 0; i < 100_000; i++) {
            String msisdn = "9198" + String.format("%08d", 10_000 + i);
            entries.add(ReferenceEntry.subscriber(
                    "BENCH-" + i, msisdn, null, null, "Subscriber " + i, i + " Bench Street", "s:" + i));
        }
        return entries;
    }

    /** Publishes the entries to the reference topic; returns how many. */
    static int publish(String bootstrap, List<ReferenceEntry> entries) {
        try (KafkaProducer<String, byte[]> producer = CgnatWorkload.producer(bootstrap)) {
            for (ReferenceEntry e : entries) {
                producer.send(new ProducerRecord<>(Topics.REFERENCE, e.key(), RecordJson.toBytes(e)));
            }
            producer.flush();
        }
        return entries.size();
    }
}
