package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.system.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts every request that reads records — search, record, facets, histogram, lists, bindings, alerts,
 * links, rejects, attribution, exports — into a case ({@link ActiveCase}). Without one the API answers 403
 * with the reason, and a page sends the user to the Cases page, which says it.
 */
@Configuration
public class CaseInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    static final String WHY = "flowanalyzer.case.why";

    /** The paths that read records; everything else (cases, deliveries, audit, users) needs no case. */
    static final String[] PATHS = {
        "/",
        "/search",
        "/search/**",
        "/graph",
        "/graph/**",
        "/api/graph",
        "/api/graph/**",
        "/map",
        "/map/**",
        "/api/map",
        "/api/map/**",
        "/timeline",
        "/timeline/**",
        "/api/timeline",
        "/sessions/**",
        "/rejects",
        "/attribution",
        "/exports",
        "/exports/**",
        "/api/sessions",
        "/api/sessions/**",
        "/api/id-lists",
        "/api/bindings",
        "/api/alerts",
        "/api/alerts/**",
        "/inbox",
        "/inbox/**",
        "/api/links",
        "/api/rejects",
        "/api/attribution",
        "/api/exports",
        "/api/exports/**"
    };

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final ActiveCase cases;

    public CaseInterceptor(ActiveCase cases) {
        this.cases = cases;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(PATHS);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Principal user = request.getUserPrincipal();
        if (user == null) {
            return true; // sign-in is Spring Security's business
        }
        try {
            CaseFile file = cases.resolve(request, user.getName());
            if (request.getParameter("case") != null && !ApiPaths.isApi(request)) {
                request.getSession().setAttribute(ActiveCase.CHOSEN, file.number());
            }
            return true;
        } catch (CaseRequired e) {
            if (ApiPaths.isApi(request)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(JSON.writeValueAsString(Map.of("error", e.getMessage())));
            } else {
                request.getSession().removeAttribute(ActiveCase.CHOSEN);
                request.getSession().setAttribute(WHY, e.getMessage());
                response.sendRedirect(request.getContextPath() + "/cases");
            }
            return false;
        }
    }
}
