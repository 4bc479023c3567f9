package io.flowanalyzer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The job gets the portal's attribution rules, in the form its arguments take, and any argument an operator sets. */
class EmbeddedStackArgumentsTest {

    @Test
    void thePortalsAttributionSettingsBecomeTheJobsArguments() {
        System.setProperty("flowanalyzer.attribution.skew", "7s");
        System.setProperty("flowanalyzer.attribution.open-limit", "12h");
        System.setProperty("flowanalyzer.attribution.isp-skew.acme-mobile", "2m");
        try {
            assertThat(EmbeddedStack.attributionArguments())
                    .containsEntry("attribution.skew", "PT7S")
                    .containsEntry("attribution.open-limit", "PT12H")
                    .containsEntry("attribution.isp-skew.acme-mobile", "PT2M");
        } finally {
            System.clearProperty("flowanalyzer.attribution.skew");
            System.clearProperty("flowanalyzer.attribution.open-limit");
            System.clearProperty("flowanalyzer.attribution.isp-skew.acme-mobile");
        }
    }

    @Test
    void flowanalyzerJobPropertiesAreTheJobsArgumentsAsTheyAre() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("flowanalyzer.job.bulk.flush-interval", " PT2S ");
        properties.setProperty("flowanalyzer.job.detectors.max-wait", "PT30S");
        properties.setProperty("flowanalyzer.attribution.skew", "7s"); // not a job argument by this route

        assertThat(EmbeddedStack.jobArguments(properties))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("bulk.flush-interval", "PT2S", "detectors.max-wait", "PT30S"));
    }
}
