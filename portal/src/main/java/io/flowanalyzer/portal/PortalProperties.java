package io.flowanalyzer.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings. {@code adminPassword} is the first password of the {@code admin} account
 * (from FLOWANALYZER_ADMIN_PASSWORD); when empty a random one is generated and printed once.
 * {@code msisdnCountryCode} and {@code msisdnNationalLength}: a national mobile number typed in a search
 * (9876543210) also finds the form the ingest layer stores (919876543210).
 */
@ConfigurationProperties("flowanalyzer.portal")
public record PortalProperties(
        String adminPassword,
        @DefaultValue("20s") Duration searchTimeout,
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("10000") int maxPageSize,
        @DefaultValue("91") String msisdnCountryCode,
        @DefaultValue("10") int msisdnNationalLength,
        @DefaultValue(
                        "This system holds law-enforcement data. Use is restricted to authorised personnel for authorised purposes; all activity is recorded.")
                String loginBanner) {}
