package io.flowanalyzer.portal.map;

import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchPage;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The map page: the search's bar and chips, and the map (static/js/map.js, Leaflet) with country
 * outlines shipped with the portal; a tile server is used only when {@code flowanalyzer.map.tile-url}
 * names one.
 */
@Controller
public class MapPageController {
    private final String tiles;

    public MapPageController(@Value("${flowanalyzer.map.tile-url:}") String tiles) {
        this.tiles = tiles;
    }

    @GetMapping("/map")
    public String map(
            SessionParams params,
            @RequestParam(required = false) String msisdn,
            @RequestParam(required = false) String together,
            Model model) {
        SearchPage.bar(model, params);
        model.addAttribute("msisdn", msisdn == null ? "" : msisdn);
        model.addAttribute("together", together == null ? "" : together);
        try {
            SessionQuery q = params.query(0);
            List<SearchPage.Chip> chips = SearchPage.chips(q, Filter::label, without -> without.url("/map"));
            model.addAttribute("query", q);
            model.addAttribute("chips", chips);
            model.addAttribute("api", q.url("/map/data"));
            model.addAttribute("pathApi", q.url("/map/path"));
            model.addAttribute("cellsApi", q.url("/map/cells"));
            model.addAttribute("togetherApi", q.url("/map/together"));
            model.addAttribute("records", q.url("/search"));
            model.addAttribute("tiles", tiles);
        } catch (InvalidSearch e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "map/map";
    }
}
