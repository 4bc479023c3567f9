package io.flowanalyzer.portal.timeline;

import io.flowanalyzer.portal.graph.GraphAudit;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One subject's timeline ({@code subject=msisdn:9198…}, with the sessions search's {@code q},
 * {@code from}, {@code to} and {@code f}; {@code zone} for hours and days): scoped, audited, refused
 * when the user may not see identifiers. The timeline page's script asks the twin under
 * {@code /timeline/} with its session.
 */
@RestController
public class TimelineController {
    private final SubjectTimeline timeline;
    private final GraphAudit audit;

    public TimelineController(SubjectTimeline timeline, GraphAudit audit) {
        this.timeline = timeline;
        this.audit = audit;
    }

    @GetMapping({"/api/timeline", "/timeline/data"})
    public SubjectTimeline.Timeline timeline(
            SessionParams params,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String zone) {
        SessionQuery q = params.query(0);
        return audit.asked(
                "timeline",
                "/timeline",
                q,
                Map.of("subject", subject == null ? "" : subject, "zone", zone == null ? "" : zone),
                () -> {
                    Filter who = SubjectTimeline.subject(subject);
                    ZoneId z = timeline.zone(zone);
                    return timeline.of(q, who, z);
                },
                t -> t.sessions().total() + " sessions, " + t.bindings().total() + " bindings, "
                        + t.flags().total() + " flagged, " + t.alerts().total() + " alerts");
    }
}
