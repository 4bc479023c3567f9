package io.flowanalyzer.correlator.links;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When two sessions at one relay count as a probable contact (job arguments {@code --links.*}). The
 * defaults ask for what a relayed call looks like in IPDR: both legs start and end within seconds of
 * each other, overlap almost entirely, and one party's upload is about the other's download.
 *
 * @param enabled whether the job looks for co-session links at all
 * @param categories the B-party categories (from the app ranges) that relay traffic between subscribers
 * @param startTolerance how far apart the two sessions may start
 * @param endTolerance how far apart they may end
 * @param minDuration sessions shorter than this (keep-alives, message bursts) are not compared
 * @param minOverlap the least share of their combined time that both sessions were open
 * @param minVolumeSimilarity the least likeness of one side's upload to the other's download (and back)
 * @param unknownVolume the factor the score takes when either session reports no volume
 * @param minScore the least score (overlap × volume likeness) of a link that is written
 * @param portWindow how far apart the relay ports of the two sessions may be (a relay's port range)
 * @param maxHeld the most sessions a relay keeps per start window; more are compared but not kept (logged)
 * @param retention how long a relay session is kept for its partner to arrive (processing time): the other
 *     leg may come in another ISP's delivery, days later
 */
public record LinkSettings(
        boolean enabled,
        Set<String> categories,
        Duration startTolerance,
        Duration endTolerance,
        Duration minDuration,
        double minOverlap,
        double minVolumeSimilarity,
        double unknownVolume,
        double minScore,
        int portWindow,
        int maxHeld,
        Duration retention)
        implements Serializable {

    public static LinkSettings defaults() {
        return fromArgs(Map.of());
    }

    public static LinkSettings fromArgs(Map<String, String> p) {
        return new LinkSettings(
                Boolean.parseBoolean(p.getOrDefault("links.enabled", "true")),
                Arrays.stream(p.getOrDefault("links.categories", "messaging,voip")
                                .split(","))
                        .map(c -> c.strip().toLowerCase(Locale.ROOT))
                        .filter(c -> !c.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                Duration.parse(p.getOrDefault("links.start-tolerance", "PT15S")),
                Duration.parse(p.getOrDefault("links.end-tolerance", "PT15S")),
                Duration.parse(p.getOrDefault("links.min-duration", "PT20S")),
                Double.parseDouble(p.getOrDefault("links.min-overlap", "0.8")),
                Double.parseDouble(p.getOrDefault("links.min-volume-similarity", "0.7")),
                Double.parseDouble(p.getOrDefault("links.unknown-volume", "0.8")),
                Double.parseDouble(p.getOrDefault("links.min-score", "0.6")),
                Integer.parseInt(p.getOrDefault("links.port-window", "20")),
                Integer.parseInt(p.getOrDefault("links.max-held", "2000")),
                Duration.parse(p.getOrDefault("links.retention", "P3D")));
    }

    /** Whether sessions to a B-party of {@code category} are compared. */
    public boolean relays(String category) {
        return category != null && categories.contains(category.toLowerCase(Locale.ROOT));
    }
}
