package io.flowanalyzer.model.bindings;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * How attribution weighs clocks and gaps in the evidence; the portal's API and the streaming job read
 * the same values so they give the same answer.
 *
 * @param skew how far apart the clocks of the record and of the NAT/RADIUS devices may be
 * @param ispSkew a different tolerance for an ISP whose clocks are known to drift more (or less)
 * @param openLimit how long a binding whose end was never delivered is taken to last at most (and how
 *     long before its end one whose start was never delivered may have begun); also how far from the
 *     record's time evidence is looked for
 */
public record AttributionPolicy(Duration skew, Map<String, Duration> ispSkew, Duration openLimit)
        implements Serializable {
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OPEN_LIMIT = Duration.ofHours(24);

    public AttributionPolicy {
        ispSkew = ispSkew == null ? Map.of() : Map.copyOf(ispSkew);
        if (skew.isNegative() || openLimit.isNegative() || openLimit.isZero()) {
            throw new IllegalArgumentException(
                    "the clock skew must not be negative and the open limit must be positive");
        }
    }

    public static AttributionPolicy defaults() {
        return new AttributionPolicy(DEFAULT_SKEW, Map.of(), DEFAULT_OPEN_LIMIT);
    }

    public Duration skewFor(String isp) {
        return isp == null ? skew : ispSkew.getOrDefault(isp, skew);
    }
}
