package io.flowanalyzer.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings. {@code adminPassword} is the first password of the {@code admin} account
 * (from FLOWANALYZER_ADMIN_PASSWORD); when empty a random one is generated and printed once.
 */
@ConfigurationProperties("flowanalyzer.portal")
public record PortalProperties(
        String adminPassword,
        @DefaultValue("20s") Duration searchTimeout,
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("10000") int maxPageSize,
        @DefaultValue(
                        "This system holds law-enforcement data. Use is restricted to authorised personnel for authorised purposes; all activity is recorded.")
                String loginBanner) {}
