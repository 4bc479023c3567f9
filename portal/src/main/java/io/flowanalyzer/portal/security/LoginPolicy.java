package io.flowanalyzer.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CJIS-style sign-in rules: after {@code maxFailures} failed sign-ins in a row an account is locked
 * for {@code lockout} (also with the right password), on the form and the API alike.
 */
@ConfigurationProperties("flowanalyzer.portal.login")
public record LoginPolicy(@DefaultValue("5") int maxFailures, @DefaultValue("10m") Duration lockout) {}
