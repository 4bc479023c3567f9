package io.flowanalyzer.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

class StaticAssetsTest {
    /** The handler mapping the portal's registrations make (the registry keeps it to itself). */
    private static SimpleUrlHandlerMapping mapping() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.refresh();
        class Registry extends ResourceHandlerRegistry {
            Registry() {
                super(context, new MockServletContext());
            }

            SimpleUrlHandlerMapping mapping() {
                return (SimpleUrlHandlerMapping) getHandlerMapping();
            }
        }
        Registry registry = new Registry();
        new StaticAssets().addResourceHandlers(registry);
        return registry.mapping();
    }

    private static ResourceUrlProvider provider() {
        SimpleUrlHandlerMapping mapping = mapping();
        mapping.getUrlMap().values().forEach(handler -> {
            try {
                ((org.springframework.web.servlet.resource.ResourceHttpRequestHandler) handler).afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ResourceUrlProvider provider = new ResourceUrlProvider();
        @SuppressWarnings("unchecked")
        Map<String, org.springframework.web.servlet.resource.ResourceHttpRequestHandler> handlers =
                (Map<String, org.springframework.web.servlet.resource.ResourceHttpRequestHandler>)
                        (Map<String, ?>) mapping.getUrlMap();
        provider.setHandlerMap(handlers);
        return provider;
    }

    @Test
    void onlyTheStylesheetScriptAndWebJarFoldersAreResources() {
        assertThat(mapping().getUrlMap().keySet())
                .containsExactlyInAnyOrder("/css/**", "/js/**", "/geo/**", "/webjars/**");
    }

    @Test
    void aStylesheetsAddressCarriesTheHashOfItsContent() throws Exception {
        String md5;
        try (var in = StaticAssetsTest.class.getResourceAsStream("/static/css/portal.css")) {
            md5 = org.springframework.util.DigestUtils.md5DigestAsHex(in);
        }
        ResourceUrlProvider provider = provider();
        assertThat(provider.getForLookupPath("/css/portal.css")).isEqualTo("/css/portal-" + md5 + ".css");
        assertThat(provider.getForLookupPath("/js/search.js")).matches("/js/search-[0-9a-f]{32}\\.js");
        // a WebJar's address carries its version already, and its hash too
        assertThat(provider.getForLookupPath("/webjars/d3/7.9.0/dist/d3.min.js"))
                .matches("/webjars/d3/7.9.0/dist/d3.min-[0-9a-f]{32}\\.js");
    }

    @Test
    void aPagesLinkIsNotLookedUpAsAFile() throws Exception {
        // with a catch-all mapping every link a page writes was searched for on the classpath
        ResourceUrlProvider provider = provider();
        assertThat(provider.getForLookupPath("/search")).isNull();
        assertThat(provider.getForLookupPath("/sessions/ev-1")).isNull();
        assertThat(provider.getForLookupPath("/css/missing.css")).isNull();
    }
}
