package io.flowanalyzer.portal.system;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns API failures into a JSON sentence and a correlation id; the details go to the log only. */
// before the pages' advice, which also sees REST controllers: the API answers in JSON, never with a redirect
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
        basePackages = "io.flowanalyzer.portal",
        annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(io.flowanalyzer.portal.search.SessionDetail.NotFound.class)
    ResponseEntity<Map<String, String>> notFound(RuntimeException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(io.flowanalyzer.portal.cases.CaseRequired.class)
    ResponseEntity<Map<String, String>> noCase(RuntimeException e) {
        return body(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(io.flowanalyzer.portal.views.ViewRefused.class)
    ResponseEntity<Map<String, String>> viewRefused(io.flowanalyzer.portal.views.ViewRefused e) {
        return body(HttpStatus.valueOf(e.status()), e.getMessage());
    }

    @ExceptionHandler(InvalidSearch.class)
    ResponseEntity<Map<String, String>> invalid(InvalidSearch e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, String>> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m
                ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return body(HttpStatus.BAD_REQUEST, "The parameter '" + name + "' is missing or not a valid value.");
    }

    @ExceptionHandler(org.springframework.validation.BindException.class)
    ResponseEntity<Map<String, String>> badParameters(org.springframework.validation.BindException e) {
        String name = e.getFieldError() == null ? "?" : e.getFieldError().getField();
        return body(HttpStatus.BAD_REQUEST, "The parameter '" + name + "' is missing or not a valid value.");
    }

    @ExceptionHandler(SearchUnavailable.class)
    ResponseEntity<Map<String, String>> unavailable(SearchUnavailable e) {
        String id = UUID.randomUUID().toString();
        LOG.warn(
                "search unavailable [{}]: {}",
                id,
                e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", e.getMessage(), "correlation_id", id));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected API failure [{}]", id, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of(
                        "error",
                        "Something went wrong on our side. Quote reference " + id + " to your administrator.",
                        "correlation_id",
                        id));
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
