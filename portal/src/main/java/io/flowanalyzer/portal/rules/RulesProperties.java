package io.flowanalyzer.portal.rules;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert rules' actions beyond the inbox. {@code webhook}: every firing is posted there as JSON (with
 * {@code webhookToken} as a bearer token when set); none by default. E-mail goes to each rule's
 * {@code emailTo} addresses through the SMTP server of {@code spring.mail.*}, from {@code mailFrom}, when
 * one is configured. {@code portalUrl}: the address the messages link to. {@code actionTimeout}: how
 * long one action may take.
 */
@ConfigurationProperties("flowanalyzer.rules")
public record RulesProperties(
        URI webhook,
        String webhookToken,
        @DefaultValue("flowanalyzer@localhost") String mailFrom,
        @DefaultValue("http://127.0.0.1:8080") String portalUrl,
        @DefaultValue("10s") Duration actionTimeout) {}
