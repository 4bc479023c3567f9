package io.flowanalyzer.portal.system;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The stylesheets and scripts, served under addresses that carry a hash of their content
 * ({@code /css/portal-<md5>.css}) and kept by browsers for a year; a new version is a new address.
 *
 * <p>Only {@code /css/**}, {@code /js/**}, {@code /geo/**} and {@code /webjars/**} are resource paths. Spring Boot's default maps {@code /**},
 * and then every link a page writes ({@code /search?…}, a record, a chip) is looked up on the classpath
 * before it is written — a scan of every jar, for each link, on every page.
 * {@code spring.web.resources.add-mappings=false} turns that default off.
 */
@Configuration
public class StaticAssets implements WebMvcConfigurer {
    /** The resource paths and the classpath folders they serve. */
    static final String[][] FOLDERS = {
        {"/css/**", "classpath:/static/css/"},
        {"/js/**", "classpath:/static/js/"},
        // reference data the map draws offline (major cities)
        {"/geo/**", "classpath:/static/geo/"},
        // D3 (and the other browser libraries) from their WebJars; the version is part of the address
        {"/webjars/**", "classpath:/META-INF/resources/webjars/"}
    };

    static final Duration KEPT = Duration.ofDays(365);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String[] folder : FOLDERS) {
            registry.addResourceHandler(folder[0])
                    .addResourceLocations(folder[1])
                    .setCacheControl(CacheControl.maxAge(KEPT).cachePublic())
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
    }
}
