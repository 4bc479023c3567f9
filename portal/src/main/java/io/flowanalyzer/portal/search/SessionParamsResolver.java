package io.flowanalyzer.portal.search;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads {@link SessionParams} straight from the request's parameters. Spring's data binding turns a
 * single {@code f=geo:28.9,76.8,28.4,77.4} into four chips (a lone value is split at its commas to fill a
 * list), and it cost a twelfth of a search page's CPU.
 */
@Configuration
public class SessionParamsResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SessionParams.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        return of(request.getNativeRequest(HttpServletRequest.class));
    }

    static SessionParams of(HttpServletRequest r) {
        return new SessionParams(
                r.getParameter("q"),
                r.getParameter("from"),
                r.getParameter("to"),
                list(r.getParameterValues("f")),
                r.getParameter("sort"),
                number(r, "page"),
                number(r, "size"),
                list(r.getParameterValues("col")));
    }

    private static List<String> list(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    private static Integer number(HttpServletRequest r, String name) {
        String v = r.getParameter(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSearch("The parameter '" + name + "' is missing or not a valid value.");
        }
    }
}
