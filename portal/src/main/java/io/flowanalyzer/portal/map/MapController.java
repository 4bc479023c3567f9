package io.flowanalyzer.portal.map;

import io.flowanalyzer.portal.graph.GraphAudit;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the sessions of a search happened. Both take the sessions search's parameters ({@code q},
 * {@code from}, {@code to}, repeated {@code f}), are scoped to what the user may see, and are audited;
 * the map page's script asks their twins under {@code /map/} with its session.
 */
@RestController
public class MapController {
    private final SessionMap map;
    private final CoLocation colocation;
    private final GraphAudit audit;

    public MapController(SessionMap map, CoLocation colocation, GraphAudit audit) {
        this.map = map;
        this.colocation = colocation;
        this.audit = audit;
    }

    /**
     * Sessions per map tile: {@code layer} cell (where the A-party was) or destination (the B-party's
     * location), {@code zoom} the map's zoom (0–27), {@code bounds} the view ({@code north,west,south,east}).
     */
    @GetMapping({"/api/map", "/map/data"})
    public SessionMap.Clusters clusters(
            SessionParams params,
            @RequestParam(required = false) String layer,
            @RequestParam(required = false, defaultValue = "3") int zoom,
            @RequestParam(required = false) String bounds) {
        SessionQuery q = params.query(0);
        SessionMap.Layer l = SessionMap.Layer.of(layer);
        return audit.asked(
                "map",
                "/map",
                q,
                Map.of("layer", l.key(), "zoom", String.valueOf(zoom), "bounds", bounds == null ? "" : bounds),
                () -> map.clusters(q, l, zoom, bounds),
                r -> r.clusters().size() + " places, " + r.located() + " sessions located");
    }

    /** One subscriber's cell locations in time order ({@code msisdn}), with each session's flags. */
    @GetMapping({"/api/map/path", "/map/path"})
    public SessionMap.Path path(SessionParams params, @RequestParam(required = false) String msisdn) {
        SessionQuery q = params.query(0);
        return audit.asked(
                "map_path",
                "/map",
                q,
                Map.of("msisdn", msisdn == null ? "" : msisdn),
                () -> map.path(q, msisdn),
                r -> r.points().size() + " points");
    }

    /** The cells of the search's sessions within the view ({@code bounds}), with their sectors' azimuths. */
    @GetMapping({"/api/map/cells", "/map/cells"})
    public SessionMap.Towers cells(SessionParams params, @RequestParam(required = false) String bounds) {
        SessionQuery q = params.query(0);
        return audit.asked(
                "map_cells",
                "/map",
                q,
                Map.of("bounds", bounds == null ? "" : bounds),
                () -> map.cells(q, bounds),
                r -> r.towers().size() + " cells");
    }

    /**
     * When the subscribers named by {@code msisdn} (repeated, or separated by commas) were together: on
     * the same cell, or on cells within {@code km} (default 1), within {@code minutes} (default 30).
     */
    @GetMapping({"/api/map/together", "/map/together"})
    public CoLocation.Answer together(
            SessionParams params,
            @RequestParam(required = false) List<String> msisdn,
            @RequestParam(required = false) Integer minutes,
            @RequestParam(required = false) Double km) {
        SessionQuery q = params.query(0);
        return audit.asked(
                "map_together",
                "/map",
                q,
                Map.of(
                        "msisdn", msisdn == null ? "" : String.join(",", msisdn),
                        "minutes", minutes == null ? "" : String.valueOf(minutes),
                        "km", km == null ? "" : String.valueOf(km)),
                () -> colocation.together(q, msisdn, minutes, km),
                r -> r.encounters().size() + " encounters");
    }
}
