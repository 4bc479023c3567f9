package io.flowanalyzer.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: the JSON API with HTTP Basic (stateless, answers 401 in JSON) and the pages with a
 * form login (session, CSRF). Only the health check and static assets are open.
 */
@Configuration
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/api/audit/**", "/api/audit")
                        .hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/users", "/api/users/**")
                        .hasRole("ADMIN")
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/cases", "/api/cases/*/close")
                        .hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(org.springframework.http.HttpMethod.PUT, "/api/cases/*")
                        .hasAnyRole("SUPERVISOR", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Basic realm=\"IPDR FlowAnalyzer\"");
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.getWriter()
                            .write(
                                    e instanceof org.springframework.security.authentication.LockedException
                                            ? "{\"error\":\"This account is locked after too many failed sign-ins; try again later.\"}"
                                            : "{\"error\":\"Sign in with a user name and password (HTTP Basic) to use the API.\"}");
                }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(SecurityConfig::strictHeaders);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/css/**", "/js/**", "/login", "/error")
                        .permitAll()
                        .requestMatchers("/audit", "/audit/**")
                        .hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/admin", "/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/search", false)
                        .failureHandler(failures())
                        .permitAll())
                .logout(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(SecurityConfig::strictHeaders);
        return http.build();
    }

    /** A locked account gets its own sentence on the sign-in page; every other failure the same one. */
    private static org.springframework.security.web.authentication.AuthenticationFailureHandler failures() {
        org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler handler =
                new org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(java.util.Map.of(
                org.springframework.security.authentication.LockedException.class.getName(), "/login?locked"));
        return handler;
    }

    private static void strictHeaders(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.deny());
    }
}
