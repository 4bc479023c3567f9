package io.flowanalyzer.portal.graph;

import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
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
 * The graph page: the search's query bar and chips, and the drawing (static/js/graph.js), which asks
 * {@code /api/graph} for the nodes and links and the link-analysis addresses for the answers.
 */
@Controller
public class GraphPageController {
    @GetMapping("/graph")
    public String graph(SessionParams params, @RequestParam(required = false) String group, Model model) {
        SearchPage.bar(model, params);
        model.addAttribute("groups", Grouping.values());
        try {
            SessionQuery q = params.query(0);
            Grouping g = Grouping.of(group);
            List<SearchPage.Chip> chips = SearchPage.chips(
                    q, Filter::label, without -> without.url("/graph", b -> b.queryParam("group", g.key())));
            model.addAttribute("query", q);
            model.addAttribute("group", g.key());
            model.addAttribute("chips", chips);
            model.addAttribute("api", q.url("/graph/data", b -> b.queryParam("group", g.key())));
            model.addAttribute("common", q.url("/graph/common", b -> b.queryParam("group", g.key())));
            model.addAttribute("callers", q.url("/graph/callers", b -> b.queryParam("group", g.key())));
            model.addAttribute("chain", q.url("/graph/chain", b -> b.queryParam("group", g.key())));
            model.addAttribute("records", q.url("/search"));
            model.addAttribute("csv", q.url("/graph/links.csv", b -> b.queryParam("group", g.key())));
            model.addAttribute("contactKind", g.filter().key());
            model.addAttribute("partyKind", FilterKind.MSISDN.key());
        } catch (InvalidSearch e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("group", Grouping.IP.key());
        }
        return "graph/graph";
    }
}
