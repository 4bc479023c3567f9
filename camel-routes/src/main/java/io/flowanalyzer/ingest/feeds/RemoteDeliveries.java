package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.IngestProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * How every remote feed reads what it fetched: as a delivery of the feed's ISP, named {@code kind:id}
 * in custody, in the feed's zone (else the ISP's); a file nothing could be read from is kept in
 * quarantine, since the feed's own copy is about to be deleted.
 */
final class RemoteDeliveries {
    private final IngestProperties properties;
    private final DeliveryIntake intake;

    RemoteDeliveries(IngestProperties properties, DeliveryIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    /** Reads the local copy of a fetched file; {@code name} is where it came from (remote path or API name). */
    void read(RemoteFeed feed, Path local, String name) throws IOException {
        List<DeliveryIntake.Outcome> outcomes = intake.readAll(
                local,
                new DeliveryIntake.Source(
                        feed.isp(),
                        feed.kind() + ":" + feed.id(),
                        name,
                        feed.profile(),
                        feed.timeZone() != null ? feed.timeZone() : properties.zoneFor(feed.isp())));
        if (outcomes.stream().allMatch(DeliveryIntake.Outcome::quarantined)) {
            Path target = properties
                    .quarantine()
                    .resolve(feed.isp())
                    .resolve(outcomes.get(0).delivery().id() + "-" + name.replace('/', '_'));
            Files.createDirectories(target.getParent());
            Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
