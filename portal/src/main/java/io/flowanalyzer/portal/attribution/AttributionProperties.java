package io.flowanalyzer.portal.attribution;

import io.flowanalyzer.model.bindings.AttributionPolicy;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How attribution weighs the clocks and the gaps in the evidence.
 *
 * @param skew how far apart the clocks of the record and of the NAT/RADIUS devices may be
 * @param ispSkew a different tolerance for an ISP whose clocks are known to drift more (or less)
 * @param openLimit how long a binding whose end was never delivered is taken to last at most (and how
 *     long before its end one whose start was never delivered may have begun)
 */
@ConfigurationProperties("flowanalyzer.attribution")
public record AttributionProperties(
        @DefaultValue("5s") Duration skew, Map<String, Duration> ispSkew, @DefaultValue("24h") Duration openLimit) {

    public Duration skewFor(String isp) {
        return policy().skewFor(isp);
    }

    /** The same values as the streaming job's attribution rules take them. */
    public AttributionPolicy policy() {
        return new AttributionPolicy(skew, ispSkew, openLimit);
    }
}
