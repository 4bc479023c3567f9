package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What the delivery and feed tests share: the fixed clock deliveries arrive by, the fixture files,
 * feeds configured as an operator configures them, and waiting for what a feed read.
 */
final class Fixtures {
    /** Deliveries in the tests arrive at this instant (it decides the year of year-less syslog times). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {}

    /** A file of {@code src/test/resources/deliveries/}. */
    static Path delivery(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/deliveries/" + name), name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A feed from its settings (key, value, …), bound exactly as {@code flowanalyzer.ingest.feeds[n].*} are. */
    static RemoteFeed feed(String... settings) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bind("", RemoteFeed.class)
                .get();
    }

    /** The ingest settings of a test: every folder under {@code dir}, these feeds. */
    static IngestProperties ingest(Path dir, List<RemoteFeed> feeds) {
        return new IngestProperties(
                dir.resolve("inbox"),
                dir.resolve("done"),
                dir.resolve("quarantine"),
                dir.resolve("receipts"),
                dir.resolve("profiles"),
                dir.resolve("ledger"),
                1L << 30,
                10,
                null,
                null,
                "unassigned",
                Duration.ofMillis(500),
                "localhost:9092",
                dir.resolve("feeds"),
                feeds,
                new IngestProperties.Reference(dir.resolve("reference"), java.time.ZoneOffset.UTC, "91"));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The deliveries read to their end (not the progress records of ones being read). */
    static List<Delivery> finished(CollectingPublisher out) {
        synchronized (out) {
            return out.custody.stream().filter(d -> d.finishedAt() != null).toList();
        }
    }
}
