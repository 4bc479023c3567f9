package io.flowanalyzer.correlator.enrichment;

import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference data on its compacted Kafka topic, read from the beginning to the end before the first
 * session is enriched (so a restarted job sees exactly what a running one did), then followed while the
 * job runs: operators' updates apply to the sessions enriched after them — at most a quarter second
 * after an update is on the topic, every session enriched sees it (the handle checks the topic's end and
 * waits for the follower to reach it, four times a second). One follower per JVM and
 * topic, shared by every operator instance on the task manager; it is not part of the job's state,
 * because the topic itself is the state (compaction keeps the newest entry per key).
 */
public final class KafkaReferenceFeed implements ReferenceFeed {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReferenceFeed.class);
    private static final Map<String, Follower> FOLLOWERS = new HashMap<>();
    private static final long SYNC_EVERY_NANOS = 250_000_000L;
    private static final Duration SYNC_WAIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final Duration startTimeout;

    public KafkaReferenceFeed(String bootstrapServers, String topic, Duration startTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.startTimeout = startTimeout;
    }

    /**
     * Waits until the running job in this JVM (the embedded stack's) holds everything on {@code topic} now,
     * as a session enriched at this moment would see it; false when no job follows the topic here or it did
     * not catch up within {@code maxWait}. A benchmark asks it so that loading reference data is not timed
     * as part of the delivery after it.
     */
    public static boolean awaitCaughtUp(String topic, Duration maxWait) {
        Follower follower;
        synchronized (FOLLOWERS) {
            follower = FOLLOWERS.values().stream()
                    .filter(f -> f.id.endsWith("/" + topic) && !f.stopped)
                    .findFirst()
                    .orElse(null);
        }
        return follower != null && follower.sync(maxWait);
    }

    @Override
    public Handle open() {
        String id = bootstrapServers + "/" + topic;
        Follower follower;
        synchronized (FOLLOWERS) {
            follower = FOLLOWERS.get(id);
            if (follower == null || follower.stopped) {
                follower = new Follower(id, bootstrapServers, topic, startTimeout);
                FOLLOWERS.put(id, follower);
            }
            follower.users++;
        }
        Follower opened = follower;
        return new Handle() {
            private boolean closed;
            private long lastSync = System.nanoTime();

            @Override
            public ReferenceCatalogue current() {
                long now = System.nanoTime();
                if (now - lastSync > SYNC_EVERY_NANOS) {
                    opened.sync(SYNC_WAIT);
                    lastSync = System.nanoTime();
                }
                return opened.catalogue;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                synchronized (FOLLOWERS) {
                    if (--opened.users == 0) {
                        opened.stop();
                        FOLLOWERS.remove(opened.id, opened);
                    }
                }
            }
        };
    }

    private static final class Follower implements Runnable {
        final String id;
        final KafkaConsumer<String, byte[]> consumer;
        final Map<String, ReferenceEntry> entries = new LinkedHashMap<>();
        final Thread thread;
        final org.apache.kafka.clients.admin.Admin admin;
        final List<TopicPartition> partitions;
        volatile ReferenceCatalogue catalogue = ReferenceCatalogue.EMPTY;
        /** The offsets the current catalogue holds everything before. */
        volatile Map<TopicPartition, Long> applied = Map.of();

        volatile boolean stopped;
        int users;

        Follower(String id, String bootstrapServers, String topic, Duration startTimeout) {
            this.id = id;
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowanalyzer-reference-" + Integer.toHexString(hashCode()));
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                    org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            try {
                partitions = consumer.partitionsFor(topic, startTimeout).stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, startTimeout);
                long deadline = System.nanoTime() + startTimeout.toNanos();
                while (!reached(end)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the reference topic " + topic
                                + " could not be read to its end in " + startTimeout.toSeconds() + " s");
                    }
                    apply(consumer.poll(Duration.ofMillis(500)));
                }
                catalogue = ReferenceCatalogue.of(List.copyOf(entries.values()));
                applied = positions();
                LOG.info(
                        "Reference data from {}: {} app ranges, {} watch-list entries, {} cells, {} entries unusable",
                        topic,
                        catalogue.apps(),
                        catalogue.watchEntries(),
                        catalogue.cells(),
                        catalogue.unusable());
            } catch (RuntimeException e) {
                consumer.close();
                admin.close();
                throw e;
            }
            thread = new Thread(this, "reference-feed-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        private Map<TopicPartition, Long> positions() {
            Map<TopicPartition, Long> at = new HashMap<>();
            for (TopicPartition tp : partitions) {
                at.put(tp, consumer.position(tp));
            }
            return Map.copyOf(at);
        }

        /**
         * Waits until the catalogue holds everything on the topic now (or {@code maxWait} passed: then goes
         * on); true when it does.
         */
        boolean sync(Duration maxWait) {
            Map<TopicPartition, Long> end;
            try {
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
                partitions.forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                end = new HashMap<>();
                for (var e : admin.listOffsets(latest)
                        .all()
                        .get(maxWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .entrySet()) {
                    end.put(e.getKey(), e.getValue().offset());
                }
            } catch (Exception e) {
                LOG.warn(
                        "Could not ask the reference topic for its end ({}); enriching with what is loaded",
                        e.toString());
                return false;
            }
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!covers(applied, end)) {
                if (System.nanoTime() > deadline || stopped) {
                    LOG.warn(
                            "The reference data is not caught up with its topic after {} s; enriching with what is loaded",
                            maxWait.toSeconds());
                    return false;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        private static boolean covers(Map<TopicPartition, Long> applied, Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (applied.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private boolean reached(Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** Applies a batch; true when it changed anything. */
        private boolean apply(ConsumerRecords<String, byte[]> records) {
            boolean changed = false;
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.key() == null) {
                    continue;
                }
                if (r.value() == null) {
                    changed |= entries.remove(r.key()) != null;
                    continue;
                }
                try {
                    ReferenceEntry e = RecordJson.fromBytes(r.value(), ReferenceEntry.class);
                    entries.put(r.key(), e);
                    changed = true;
                } catch (java.io.IOException | RuntimeException bad) {
                    LOG.warn(
                            "Reference message {} at offset {} is not a reference entry; left out",
                            r.key(),
                            r.offset());
                }
            }
            return changed;
        }

        @Override
        public void run() {
            boolean dirty = false;
            long dirtySince = 0;
            while (!stopped) {
                try {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                    if (apply(batch) && !dirty) {
                        dirty = true;
                        dirtySince = System.nanoTime();
                    }
                    // rebuild once a burst of updates is in (or every few seconds during a long one), not per batch
                    if (!dirty) {
                        applied = positions(); // nothing that changes the catalogue came in
                    } else if (batch.isEmpty() || System.nanoTime() - dirtySince > 5_000_000_000L) {
                        dirty = false;
                        Map<TopicPartition, Long> at = positions();
                        catalogue = ReferenceCatalogue.of(List.copyOf(entries.values()));
                        applied = at;
                        LOG.info(
                                "Reference data updated: {} app ranges, {} watch-list entries, {} cells",
                                catalogue.apps(),
                                catalogue.watchEntries(),
                                catalogue.cells());
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("Following the reference topic failed ({}); retrying", e.getMessage());
                    sleep();
                }
            }
            consumer.close(Duration.ofSeconds(5));
            admin.close(Duration.ofSeconds(5));
        }

        private static void sleep() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopped = true;
            consumer.wakeup();
        }
    }
}
