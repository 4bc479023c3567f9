package io.flowanalyzer.portal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.portal.attribution.AttributionController;
import io.flowanalyzer.portal.search.SessionSearchController;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.GetMapping;

class CaseInterceptorTest {
    /** An API that reads records and is left out of the case's paths would answer outside any case. */
    @Test
    void everyApiThatReadsRecordsIsMadeInACase() {
        List<String> paths = new ArrayList<>();
        for (Class<?> controller : List.of(
                SessionSearchController.class,
                AttributionController.class,
                io.flowanalyzer.portal.export.ExportController.class,
                io.flowanalyzer.portal.graph.GraphController.class,
                io.flowanalyzer.portal.graph.GraphPageController.class,
                io.flowanalyzer.portal.map.MapController.class,
                io.flowanalyzer.portal.map.MapPageController.class,
                io.flowanalyzer.portal.timeline.TimelineController.class,
                io.flowanalyzer.portal.timeline.TimelinePageController.class)) {
            for (Method m : controller.getMethods()) {
                GetMapping get = m.getAnnotation(GetMapping.class);
                if (get != null) {
                    paths.addAll(Arrays.asList(get.value()));
                    paths.addAll(Arrays.asList(get.path()));
                }
            }
        }
        assertThat(paths)
                .contains(
                        "/api/sessions",
                        "/api/links",
                        "/api/alerts",
                        "/api/bindings",
                        "/api/graph",
                        "/graph",
                        "/api/map",
                        "/map",
                        "/api/map/cells",
                        "/api/map/together",
                        "/api/timeline",
                        "/timeline/data",
                        "/timeline");
        AntPathMatcher matcher = new AntPathMatcher();
        for (String path : paths) {
            assertThat(Arrays.stream(CaseInterceptor.PATHS).anyMatch(p -> matcher.match(p, path)))
                    .as(path)
                    .isTrue();
        }
    }
}
