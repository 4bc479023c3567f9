package io.flowanalyzer.ingest.custody;

import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The deliveries already read in full, one small JSON file per delivery id in the data directory, so
 * that an identical file delivered again (same ISP, same SHA-256) is recognised and not read twice.
 * Only complete deliveries are remembered: a quarantined or interrupted one may be delivered again.
 */
public final class DeliveryLedger {
    private final Path directory;

    public DeliveryLedger(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    public Optional<Delivery> find(String deliveryId) throws IOException {
        Path entry = directory.resolve(checked(deliveryId) + ".json");
        return Files.exists(entry)
                ? Optional.of(RecordJson.fromJson(Files.readString(entry), Delivery.class))
                : Optional.empty();
    }

    public void remember(Delivery delivery) throws IOException {
        Path tmp = directory.resolve("." + checked(delivery.id()) + ".tmp");
        Files.write(tmp, RecordJson.toBytes(delivery));
        Files.move(
                tmp,
                directory.resolve(delivery.id() + ".json"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Delivery ids are hex; anything else must never become a path. */
    private static String checked(String id) {
        if (!id.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("not a delivery id: " + id);
        }
        return id;
    }
}
