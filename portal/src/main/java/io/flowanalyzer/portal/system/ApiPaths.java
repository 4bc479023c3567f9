package io.flowanalyzer.portal.system;

import jakarta.servlet.http.HttpServletRequest;

/** The JSON API lives under {@code /api}: it answers in JSON, renders no page and keeps no page state. */
public final class ApiPaths {
    private ApiPaths() {}

    public static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
