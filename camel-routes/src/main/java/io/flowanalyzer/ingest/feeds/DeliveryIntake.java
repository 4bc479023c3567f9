package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.custody.DeliveryCustody;
import io.flowanalyzer.ingest.formats.DeliveryLines;
import io.flowanalyzer.ingest.formats.GenericCsvProfile;
import io.flowanalyzer.ingest.formats.LineResult;
import io.flowanalyzer.ingest.formats.UnreadableDelivery;
import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one delivered file end to end: fingerprints it, reads it line by line with its format
 * profile, publishes each line as a record or a reject, and closes with the custody record whose
 * counts add up (accepted + rejected = lines). A file it cannot read at all is quarantined.
 */
public final class DeliveryIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryIntake.class);
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final DeliveryPublisher publisher;
    private final Clock clock;

    public DeliveryIntake(DeliveryPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public record Outcome(Delivery delivery) {
        public boolean quarantined() {
            return Delivery.QUARANTINED.equals(delivery.status());
        }
    }

    public Outcome read(Path file, String isp, String feed, String fileName, ZoneId zone) throws IOException {
        Instant receivedAt = clock.instant();
        DeliveryCustody custody = DeliveryCustody.of(file);
        DeliveryRef ref = DeliveryRef.of(isp, feed, GenericCsvProfile.NAME, fileName, custody.sha256());
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        try (InputStream in = Files.newInputStream(file)) {
            DeliveryLines reader = new DeliveryLines(in, MAX_LINE_BYTES);
            DeliveryLines.Line line = reader.next();
            while (line != null && line.isBlank()) {
                line = reader.next();
            }
            if (line == null) {
                return quarantine(ref, custody, receivedAt, "the file is empty");
            }
            GenericCsvProfile profile;
            try {
                profile = GenericCsvProfile.forHeader(line.text(), ref, zone);
            } catch (UnreadableDelivery e) {
                return quarantine(ref, custody, receivedAt, e.getMessage());
            }
            while ((line = reader.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                LineResult result = line.truncated()
                        ? LineResult.refused("the line is longer than " + MAX_LINE_BYTES + " bytes")
                        : profile.read(line);
                if (result instanceof LineResult.Accepted ok) {
                    publisher.record(ok.record());
                    accepted++;
                } else if (result instanceof LineResult.Refused refused) {
                    publisher.reject(Reject.of(
                            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                            ref,
                            line.number(),
                            line.offset(),
                            refused.reason(),
                            line.text()));
                    rejected++;
                }
            }
        }
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                isp,
                feed,
                ref.profile(),
                fileName,
                custody.sha256(),
                custody.size(),
                clock.instant(),
                lines,
                accepted,
                rejected,
                Delivery.COMPLETE,
                null);
        publisher.custody(delivery);
        publisher.flush();
        LOG.info(
                "Delivery {} from {} ({}, sha256 {}): {} lines, {} accepted, {} rejected",
                ref.id(),
                isp,
                fileName,
                custody.sha256(),
                lines,
                accepted,
                rejected);
        return new Outcome(delivery);
    }

    private Outcome quarantine(DeliveryRef ref, DeliveryCustody custody, Instant receivedAt, String reason) {
        publisher.reject(Reject.of(clock.instant(), ref, 0, null, "the file was quarantined: " + reason, null));
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                ref.isp(),
                ref.feed(),
                ref.profile(),
                ref.fileName(),
                custody.sha256(),
                custody.size(),
                clock.instant(),
                0,
                0,
                0,
                Delivery.QUARANTINED,
                reason);
        publisher.custody(delivery);
        publisher.flush();
        LOG.warn("Delivery {} from {} ({}) quarantined: {}", ref.id(), ref.isp(), ref.fileName(), reason);
        return new Outcome(delivery);
    }
}
