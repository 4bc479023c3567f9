package io.flowanalyzer.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/** The investigators' portal and its JSON API (a deployment runs it on its own; the launcher embeds it). */
@SpringBootApplication
@EnableConfigurationProperties({
    PortalProperties.class,
    io.flowanalyzer.portal.attribution.AttributionProperties.class,
    io.flowanalyzer.portal.export.ExportProperties.class,
    io.flowanalyzer.portal.cases.CaseProperties.class,
    io.flowanalyzer.portal.security.LoginPolicy.class,
    io.flowanalyzer.portal.graph.GraphProperties.class,
    io.flowanalyzer.portal.timeline.TimelineProperties.class,
    io.flowanalyzer.portal.rules.RulesProperties.class
})
@PropertySource("classpath:portal-defaults.properties")
public class PortalApplication {
    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
