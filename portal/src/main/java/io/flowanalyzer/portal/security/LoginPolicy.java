package io.flowanalyzer.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CJIS-style sign-in rules: after {@code maxFailures} failed sign-ins in a row an account is locked
 * for {@code lockout} (also with the right password), on the form and the API alike; passwords have at
 * least {@code minPasswordLength} characters ({@link io.flowanalyzer.portal.users.PasswordPolicy}).
 */
@ConfigurationProperties("flowanalyzer.portal.login")
public record LoginPolicy(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("10m") Duration lockout,
        @DefaultValue("12") int minPasswordLength) {}
