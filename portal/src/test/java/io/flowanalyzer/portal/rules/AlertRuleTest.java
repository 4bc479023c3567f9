package io.flowanalyzer.portal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
    private static final Instant MADE = Instant.parse("2026-12-01T10:00:00Z");

    private static AlertRule rule(String condition, Long threshold) {
        return new AlertRule(
                AlertRule.TYPE,
                "r",
                "R",
                "v",
                "asha",
                15,
                null,
                condition,
                threshold,
                null,
                null,
                null,
                null,
                true,
                MADE,
                MADE,
                null,
                MADE.plusSeconds(900),
                0,
                0);
    }

    @Test
    void aNewRuleFiresOnAnyMatchAndACountRuleFromItsThreshold() {
        assertThat(rule(AlertRule.NEW, null).met(0)).isFalse();
        assertThat(rule(AlertRule.NEW, null).met(1)).isTrue();
        assertThat(rule(AlertRule.COUNT, 5L).met(4)).isFalse();
        assertThat(rule(AlertRule.COUNT, 5L).met(5)).isTrue();
    }

    @Test
    void aRunMovesTheWatermarkToWhatItCheckedAndSchedulesTheNext() {
        Instant now = Instant.parse("2026-12-01T10:20:00Z");
        Instant checked = Instant.parse("2026-12-01T10:19:30Z");
        AlertRule after = rule(AlertRule.NEW, null).ran(now, checked, 1);
        assertThat(after.watermark()).isEqualTo(checked);
        assertThat(after.lastRun()).isEqualTo(now);
        assertThat(after.nextRun()).isEqualTo(Instant.parse("2026-12-01T10:35:00Z"));
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.firings()).isEqualTo(1);
        assertThat(after.ran(now, checked, 0).firings()).isEqualTo(1);
    }
}
