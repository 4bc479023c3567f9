package io.flowanalyzer.portal.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * What a firing does besides waiting in the inbox: a webhook post and e-mails, when configured. Each is
 * tried once, within the configured timeout; what became of it (sent, or why not) is kept on the firing.
 * An action that fails never loses the firing: it is in the inbox either way.
 */
@Component
public class RuleActions {
    private static final Logger LOG = LoggerFactory.getLogger(RuleActions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RulesProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final HttpClient http;

    public RuleActions(RulesProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.properties = properties;
        this.mail = mail;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.actionTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs the actions of {@code rule} for the firing {@code alert} (its stored document); answers what each did. */
    public List<Map<String, Object>> run(AlertRule rule, String id, Map<String, Object> alert) {
        List<Map<String, Object>> done = new ArrayList<>();
        String link = properties.portalUrl().replaceAll("/+$", "") + "/inbox?q=event.id:%22" + id + "%22";
        if (properties.webhook() != null) {
            done.add(webhook(id, alert, link));
        }
        List<String> to = rule.emailTo() == null ? List.of() : rule.emailTo();
        if (!to.isEmpty()) {
            done.add(email(rule, to, alert, link));
        }
        return done;
    }

    private Map<String, Object> webhook(String id, Map<String, Object> alert, String link) {
        try {
            Map<String, Object> body = new LinkedHashMap<>(alert);
            body.put("link", link);
            HttpRequest.Builder request = HttpRequest.newBuilder(properties.webhook())
                    .timeout(properties.actionTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (properties.webhookToken() != null && !properties.webhookToken().isBlank()) {
                request.header(
                        "Authorization", "Bearer " + properties.webhookToken().strip());
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() / 100 == 2;
            if (!ok) {
                LOG.warn("Webhook for firing {} answered HTTP {}", id, response.statusCode());
            }
            return outcome(
                    "webhook",
                    properties.webhook().getHost(),
                    ok ? "sent" : "failed",
                    ok ? null : "the webhook answered HTTP " + response.statusCode());
        } catch (IOException e) {
            LOG.warn("Webhook for firing {} failed: {}", id, e.toString());
            return outcome("webhook", properties.webhook().getHost(), "failed", "the webhook could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome("webhook", properties.webhook().getHost(), "failed", "interrupted");
        }
    }

    private Map<String, Object> email(AlertRule rule, List<String> to, Map<String, Object> alert, String link) {
        JavaMailSender sender = mail.getIfAvailable();
        String recipients = String.join(", ", to);
        if (sender == null) {
            return outcome("email", recipients, "not sent", "no SMTP server is configured (spring.mail.host)");
        }
        try {
            SimpleMailMessage m = new SimpleMailMessage();
            m.setFrom(properties.mailFrom());
            m.setTo(to.toArray(String[]::new));
            m.setSubject("[FlowAnalyzer] " + rule.title());
            @SuppressWarnings("unchecked")
            Map<String, Object> a = alert.get("alert") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
            m.setText(a.getOrDefault("reason", rule.title()) + "\n\nOpen it in the alert inbox: " + link
                    + "\n\nThis message names no identifier beyond what the rule's reason says; the records are in the portal,"
                    + " where every look at them is audited.\n");
            sender.send(m);
            return outcome("email", recipients, "sent", null);
        } catch (MailException e) {
            LOG.warn("E-mail for rule {} failed: {}", rule.id(), e.toString());
            return outcome("email", recipients, "failed", "the SMTP server refused or could not be reached");
        }
    }

    private static Map<String, Object> outcome(String kind, String to, String status, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("to", to);
        m.put("status", status);
        if (error != null) {
            m.put("error", error);
        }
        m.put("at", Instant.now().toString());
        return m;
    }
}
