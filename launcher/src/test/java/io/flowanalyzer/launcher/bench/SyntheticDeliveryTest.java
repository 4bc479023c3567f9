package io.flowanalyzer.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.feeds.DeliveryIntake;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's delivery must hold exactly the malformed lines it says it holds, at any size. */
class SyntheticDeliveryTest {

    @Test
    void onlyThePlantedLinesAreRejectedBeyondSixteenBitsOfSessions(@TempDir Path dir) throws Exception {
        int lines = 70_000; // past session 65,536, where an IPv6 group would overflow
        Path file = SyntheticDelivery.writeLines(dir.resolve("bench.csv"), lines);
        CollectingPublisher publisher = new CollectingPublisher();

        Delivery delivery = new DeliveryIntake(publisher, FormatProfiles.builtIn(), Clock.systemUTC())
                .read(file, new DeliveryIntake.Source("bench", "inbox", "bench.csv", "generic-csv", ZoneOffset.UTC))
                .delivery();

        assertThat(delivery.lines()).isEqualTo(lines);
        assertThat(publisher.records.size()).isEqualTo(lines - SyntheticDelivery.malformedWithin(lines));
        Map<Long, String> reasons = new TreeMap<>();
        publisher.rejects.forEach(
                r -> reasons.put(r.ipdr().delivery().line() - 1, r.error().message()));
        Map<Long, String> expected = new TreeMap<>();
        SyntheticDelivery.MALFORMED.forEach((line, bad) -> expected.put((long) line, bad[1]));
        assertThat(reasons).isEqualTo(expected);
        assertThat(SyntheticDelivery.destinationIp(65_538 * 3)).isEqualTo("2409:4042:3:6::1");
    }
}
