package io.flowanalyzer.portal.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the rules that are due, every {@code flowanalyzer.rules.tick} (10 s). One portal runs the
 * schedule; what a run has done is in Elasticsearch, so a restart picks up where it stopped.
 */
@Configuration
@EnableScheduling
public class RuleScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(RuleScheduler.class);

    private final AlertRules rules;

    public RuleScheduler(AlertRules rules) {
        this.rules = rules;
    }

    @Scheduled(
            initialDelayString = "${flowanalyzer.rules.tick:10s}",
            fixedDelayString = "${flowanalyzer.rules.tick:10s}")
    public void tick() {
        try {
            for (AlertRule rule : rules.due()) {
                AlertRules.Run run = rules.run(rule);
                if (run.error() != null) {
                    LOG.warn("Rule {} could not run: {}", rule.id(), run.error());
                } else if (run.fired()) {
                    LOG.info("Rule {} fired: {} matching sessions", rule.id(), run.matches());
                }
            }
        } catch (RuntimeException e) {
            // Elasticsearch away: the next tick tries again
            LOG.warn("The rules could not be read: {}", e.getMessage());
        }
    }
}
