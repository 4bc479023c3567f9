package io.flowanalyzer.portal.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code GET /api/openapi}: every {@code /api} operation, signed in with HTTP Basic. */
@Configuration
public class OpenApiDocument {
    @Bean
    OpenAPI flowAnalyzerApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("IPDR FlowAnalyzer API")
                                .version("0.1.0")
                                .description(
                                        "Sessions search, facets, histogram, records, exports, identifier lists, attribution, "
                                                + "bindings, alerts, rejects, deliveries, users and the audit trail. Every call is "
                                                + "authenticated (HTTP Basic), limited to the caller's data scope and recorded in the audit trail."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
