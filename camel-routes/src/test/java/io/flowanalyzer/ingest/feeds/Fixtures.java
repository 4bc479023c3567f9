package io.flowanalyzer.ingest.feeds;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/** What the delivery tests share: the fixed clock deliveries arrive by, and the fixture files. */
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
}
