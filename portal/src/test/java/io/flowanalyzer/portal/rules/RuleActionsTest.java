package io.flowanalyzer.portal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.flowanalyzer.portal.search.InvalidSearch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class RuleActionsTest {
    private static final Map<String, Object> FIRING = Map.of(
            "event", Map.of("id", "rule:r:1"), "alert", Map.of("reason", "1 new session matches the saved search 'x'"));

    private static AlertRule rule(List<String> emailTo) {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        return new AlertRule(
                "rule",
                "r",
                "Watched phone",
                "v",
                "asha",
                15,
                null,
                "new",
                null,
                null,
                null,
                null,
                emailTo,
                true,
                t,
                t,
                null,
                t,
                0,
                0);
    }

    private static RuleActions actions(URI webhook) {
        var none = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        return new RuleActions(
                new RulesProperties(
                        webhook, "s3cret", "alerts@example.org", "https://portal.example.org/", Duration.ofSeconds(5)),
                none);
    }

    @Test
    void aFiringIsPostedToTheWebhookWithItsTokenAndTheLinkToTheInbox() throws Exception {
        List<String[]> got = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        server.createContext("/hook", x -> {
            got.add(new String[] {
                x.getRequestHeaders().getFirst("Authorization"),
                new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            });
            x.sendResponseHeaders(x.getRequestURI().getQuery() == null ? 204 : 500, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            List<Map<String, Object>> done = actions(URI.create(base)).run(rule(null), "rule:r:1", FIRING);
            assertThat(done).hasSize(1);
            assertThat(done.get(0)).containsEntry("kind", "webhook").containsEntry("status", "sent");
            assertThat(got.get(0)[0]).isEqualTo("Bearer s3cret");
            assertThat(got.get(0)[1])
                    .contains("\"reason\":\"1 new session matches the saved search 'x'\"")
                    .contains("\"link\":\"https://portal.example.org/inbox?q=event.id:%22rule:r:1%22\"");
            // an error answer is kept as the action's failure, with the status
            Map<String, Object> refused = actions(URI.create(base + "?fail"))
                    .run(rule(null), "rule:r:1", FIRING)
                    .get(0);
            assertThat(refused)
                    .containsEntry("status", "failed")
                    .containsEntry("error", "the webhook answered HTTP 500");
        } finally {
            server.stop(0);
        }
        Map<String, Object> away = actions(URI.create("http://127.0.0.1:1/hook"))
                .run(rule(null), "rule:r:1", FIRING)
                .get(0);
        assertThat(away).containsEntry("status", "failed").containsEntry("error", "the webhook could not be reached");
    }

    @Test
    void anEmailWithoutAnSmtpServerIsNotSentAndSaysWhy() {
        List<Map<String, Object>> done = actions(null).run(rule(List.of("desk@example.org")), "rule:r:1", FIRING);
        assertThat(done).hasSize(1);
        assertThat(done.get(0))
                .containsEntry("kind", "email")
                .containsEntry("to", "desk@example.org")
                .containsEntry("status", "not sent")
                .containsEntry("error", "no SMTP server is configured (spring.mail.host)");
        assertThat(actions(null).run(rule(null), "rule:r:1", FIRING)).isEmpty();
    }

    @Test
    void aRuleRunsEveryFewMinutesOrAtTheTimesOfItsCronScheduleInUtc() {
        assertThat(AlertRules.cron(" 0 30 1 * * * ")).isEqualTo("0 30 1 * * *");
        assertThat(AlertRules.cron("")).isNull();
        assertThatThrownBy(() -> AlertRules.cron("every day"))
                .hasMessage(
                        "'every day' is not a cron schedule: six fields, second minute hour day month weekday, in UTC"
                                + " ('0 30 1 * * *' is 01:30 every day).");
        assertThatThrownBy(() -> AlertRules.cron("*/10 * * * * *"))
                .hasMessage("A rule runs at most once a minute; '*/10 * * * * *' runs more often.");
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        AlertRule daily = new AlertRule(
                "rule",
                "r",
                "R",
                "v",
                "asha",
                15,
                "0 30 1 * * *",
                "new",
                null,
                null,
                null,
                null,
                null,
                true,
                t,
                t,
                null,
                null,
                0,
                0);
        assertThat(daily.next(Instant.parse("2026-12-01T01:29:59Z"))).isEqualTo(Instant.parse("2026-12-01T01:30:00Z"));
        assertThat(daily.next(Instant.parse("2026-12-01T01:30:00Z"))).isEqualTo(Instant.parse("2026-12-02T01:30:00Z"));
        assertThat(rule(null).next(t)).isEqualTo(t.plusSeconds(900));
    }

    @Test
    void aRuleEmailsCheckedAddressesAndNamesTheFacetsValuesInWords() {
        assertThat(AlertRules.addresses(List.of("a@example.org, b@example.org; a@example.org")))
                .containsExactly("a@example.org", "b@example.org");
        assertThat(AlertRules.addresses(null)).isEmpty();
        assertThatThrownBy(() -> AlertRules.addresses(List.of("a@example.org x@y")))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("'x@y' is not an e-mail address.");
        assertThat(AlertRules.noun(AlertRules.facet("b_party"))).isEqualTo("B-party");
        assertThat(AlertRules.noun(AlertRules.facet(null))).isEqualTo("B-party");
        assertThat(AlertRules.noun(AlertRules.facet("country"))).isEqualTo("B-party country");
        assertThatThrownBy(() -> AlertRules.facet("imsi"))
                .hasMessage(
                        "A distinct-value rule watches one of a_party, b_party, app, isp, flag, country; not 'imsi'.");
    }
}
