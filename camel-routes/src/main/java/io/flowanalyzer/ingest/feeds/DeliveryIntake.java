package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.custody.DeliveryCustody;
import io.flowanalyzer.ingest.formats.DelimitedProfile;
import io.flowanalyzer.ingest.formats.DeliveryLines;
import io.flowanalyzer.ingest.formats.LineResult;
import io.flowanalyzer.ingest.formats.UnreadableDelivery;
import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one delivered file end to end: fingerprints it, finds its header row (below any banner) and
 * the format profile that reads it — the one named, or the best-fitting one detected from the header —
 * reads it line by line, publishes each line as a record or a reject, and closes with the custody
 * record whose counts add up (accepted + rejected = lines read). A file it cannot read is quarantined.
 */
public final class DeliveryIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryIntake.class);
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final DeliveryPublisher publisher;
    private final FormatProfiles profiles;
    private final Clock clock;

    public DeliveryIntake(DeliveryPublisher publisher, FormatProfiles profiles, Clock clock) {
        this.publisher = publisher;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public record Outcome(Delivery delivery) {
        public boolean quarantined() {
            return Delivery.QUARANTINED.equals(delivery.status());
        }
    }

    /** Where a delivery comes from and how to read it: a named profile or none (detect), and the feed's zone if it has one. */
    public record Source(String isp, String feed, String fileName, String profile, ZoneId zone) {}

    /** Reads with the generic CSV profile unless {@code source} names another or none. */
    public Outcome read(Path file, Source source) throws IOException {
        Instant receivedAt = now();
        DeliveryCustody custody = DeliveryCustody.of(file);
        String profileName = source.profile() == null ? "detect" : source.profile();
        DeliveryRef ref = DeliveryRef.of(source.isp(), source.feed(), profileName, source.fileName(), custody.sha256());
        Collection<FormatProfile> candidates;
        if (source.profile() == null) {
            candidates = profiles.all();
        } else {
            Optional<FormatProfile> named = profiles.find(source.profile());
            if (named.isEmpty()) {
                return quarantine(
                        ref,
                        custody,
                        receivedAt,
                        null,
                        "there is no format profile named '" + source.profile() + "' (known: "
                                + String.join(", ", profiles.names()) + ")");
            }
            candidates = List.of(named.get());
        }
        int searchLines = candidates.stream()
                .mapToInt(FormatProfile::headerSearchLines)
                .max()
                .orElse(1);

        long preamble = 0;
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        DelimitedProfile reader = null;
        DelimitedProfile.HeaderMatch match = null;
        try (InputStream in = Files.newInputStream(file)) {
            DeliveryLines delivery = new DeliveryLines(in, MAX_LINE_BYTES);
            DeliveryLines.Line line;
            String firstLine = null;
            while (match == null && (line = delivery.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (firstLine == null) {
                    firstLine = line.text();
                }
                long position = preamble + 1;
                match = bestMatch(candidates, line.text(), position);
                if (match == null) {
                    preamble++;
                    if (preamble >= searchLines) {
                        break;
                    }
                }
            }
            if (firstLine == null) {
                return quarantine(ref, custody, receivedAt, null, "the file is empty");
            }
            if (match == null) {
                return quarantine(
                        ref, custody, receivedAt, null, noHeader(candidates, source.profile() == null, firstLine));
            }
            FormatProfile profile = match.profile();
            ref = DeliveryRef.of(source.isp(), source.feed(), profile.name(), source.fileName(), custody.sha256());
            ZoneId zone = source.zone() != null
                    ? source.zone()
                    : profile.timeZone() != null ? ZoneId.of(profile.timeZone()) : ZoneOffset.UTC;
            reader = match.reader(ref, zone);
            while ((line = delivery.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                LineResult result = line.truncated()
                        ? LineResult.refused("the line is longer than " + MAX_LINE_BYTES + " bytes")
                        : reader.read(line);
                if (result instanceof LineResult.Accepted ok) {
                    publisher.record(ok.record());
                    accepted++;
                } else if (result instanceof LineResult.Refused refused) {
                    publisher.reject(
                            Reject.of(now(), ref, line.number(), line.offset(), refused.reason(), line.text()));
                    rejected++;
                }
            }
        } catch (UnreadableDelivery e) {
            return quarantine(ref, custody, receivedAt, null, e.getMessage());
        }
        FormatProfile profile = reader.profile();
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                source.isp(),
                source.feed(),
                profile.name(),
                profile.version(),
                source.profile() == null,
                source.profile() == null ? Math.round(match.score() * 100) / 100.0 : null,
                source.fileName(),
                custody.sha256(),
                custody.size(),
                now(),
                preamble,
                lines,
                accepted,
                rejected,
                Delivery.COMPLETE,
                null);
        publisher.custody(delivery);
        publisher.flush();
        LOG.info(
                "Delivery {} from {} ({}, {}, sha256 {}): {} lines, {} accepted, {} rejected",
                ref.id(),
                source.isp(),
                source.fileName(),
                profile.tag(),
                custody.sha256(),
                lines,
                accepted,
                rejected);
        return new Outcome(delivery);
    }

    /** The best-fitting profile for a header candidate, or null; profiles that allow a banner this long only. */
    private static DelimitedProfile.HeaderMatch bestMatch(
            Collection<FormatProfile> candidates, String text, long position) throws UnreadableDelivery {
        DelimitedProfile.HeaderMatch best = null;
        UnreadableDelivery ambiguous = null;
        for (FormatProfile profile : candidates) {
            if (profile.headerSearchLines() < position) {
                continue;
            }
            try {
                Optional<DelimitedProfile.HeaderMatch> m = DelimitedProfile.match(profile, text);
                if (m.isPresent() && (best == null || m.get().score() > best.score())) {
                    best = m.get();
                }
            } catch (UnreadableDelivery e) {
                ambiguous = e;
            } catch (RuntimeException notAHeader) {
                // a banner line commons-csv cannot even split
            }
        }
        if (best == null && ambiguous != null) {
            throw ambiguous;
        }
        return best;
    }

    private static String noHeader(Collection<FormatProfile> candidates, boolean detecting, String firstLine) {
        String first = firstLine.length() > 160 ? firstLine.substring(0, 160) + "…" : firstLine;
        if (!detecting) {
            FormatProfile p = candidates.iterator().next();
            String where = p.headerSearchLines() == 1
                    ? "the first line is not"
                    : "none of the first " + p.headerSearchLines() + " lines is";
            return where + " a " + p.name() + " header naming " + DelimitedProfile.requiredInWords(p)
                    + " (the first line reads: " + first + ")";
        }
        return "no known format profile recognises a header in this file (the first line reads: " + first + ")";
    }

    private Outcome quarantine(
            DeliveryRef ref, DeliveryCustody custody, Instant receivedAt, String profile, String reason) {
        publisher.reject(Reject.of(now(), ref, 0, null, "the file was quarantined: " + reason, null));
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                ref.isp(),
                ref.feed(),
                profile == null ? ref.profile() : profile,
                null,
                null,
                null,
                ref.fileName(),
                custody.sha256(),
                custody.size(),
                now(),
                0,
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
