package io.flowanalyzer.portal.timeline;

import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchPage;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The timeline page: the subject, the search's bar and chips, and the drawing (static/js/timeline.js,
 * D3): lanes of sessions, bindings, flags and alerts over time, the hour-by-day pattern and the gaps.
 */
@Controller
public class TimelinePageController {
    private final SubjectTimeline timeline;

    public TimelinePageController(SubjectTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/timeline")
    public String page(
            SessionParams params,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String zone,
            Model model) {
        SearchPage.bar(model, params);
        model.addAttribute("subject", subject == null ? "" : subject);
        model.addAttribute(
                "zone", zone == null || zone.isBlank() ? timeline.zone(null).getId() : zone);
        if (subject == null || subject.isBlank()) {
            return "timeline/timeline";
        }
        try {
            SessionQuery q = params.query(0);
            Filter who = SubjectTimeline.subject(subject);
            String z = timeline.zone(zone).getId();
            List<SearchPage.Chip> chips = SearchPage.chips(
                    q,
                    Filter::label,
                    without -> without.url("/timeline", b -> b.queryParam("subject", who.param())
                            .queryParam("zone", z)));
            model.addAttribute("query", q);
            model.addAttribute("chips", chips);
            model.addAttribute("who", who.label());
            model.addAttribute("api", q.url("/timeline/data", b -> b.queryParam("subject", who.param())
                    .queryParam("zone", z)));
            model.addAttribute("records", q.withFilter(who).url("/search"));
            if (who.kind() == io.flowanalyzer.portal.search.FilterKind.MSISDN) {
                model.addAttribute("map", q.url("/map", b -> b.queryParam("msisdn", who.value())));
            }
        } catch (InvalidSearch e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "timeline/timeline";
    }
}
