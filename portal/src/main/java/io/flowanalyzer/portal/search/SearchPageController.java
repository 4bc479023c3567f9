package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The search page and the rejects page: a query bar, a time range, the total and a table. */
@Controller
public class SearchPageController {
    private final DocumentSearch search;
    private final PortalProperties properties;

    public SearchPageController(DocumentSearch search, PortalProperties properties) {
        this.search = search;
        this.properties = properties;
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/search";
    }

    @GetMapping("/search")
    public String sessions(SearchParams params, Model model) {
        return page(params, model, Indices.SESSIONS_ALIAS, List.of(Fields.EVENT_ID), SessionRow::of, "search/sessions");
    }

    @GetMapping("/rejects")
    public String rejects(SearchParams params, Model model) {
        return page(
                params,
                model,
                Indices.REJECTS,
                List.of(Fields.DELIVERY_LINE, Fields.EVENT_ID),
                RejectView::of,
                "search/rejects");
    }

    /** One page of a search: the form's values, the total, the rows, the pager, or the problem in a sentence. */
    private String page(
            SearchParams params,
            Model model,
            String index,
            List<String> tieBreakers,
            java.util.function.Function<java.util.Map<String, Object>, ?> row,
            String view) {
        SearchRequest asked = params.request();
        SearchRequest request = new SearchRequest(
                asked.query(), asked.from(), asked.to(), Math.max(0, asked.page()), properties.defaultPageSize());
        fill(model, request);
        try {
            SearchResult result = search.search(index, request, tieBreakers);
            model.addAttribute("total", result.total());
            model.addAttribute("rows", result.hits().stream().map(row).toList());
            model.addAttribute("pages", pages(result.total(), request.size()));
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        return view;
    }

    private static void fill(Model model, SearchRequest request) {
        model.addAttribute("q", request.query() == null ? "" : request.query());
        model.addAttribute("from", request.from() == null ? "" : request.from());
        model.addAttribute("to", request.to() == null ? "" : request.to());
        model.addAttribute("page", request.page());
    }

    /** How many pages can be shown (paging stops at the engine's 10,000-hit window). */
    static long pages(long total, int size) {
        if (size <= 0) {
            return 0;
        }
        long reachable = Math.min(total, DocumentSearch.MAX_WINDOW);
        return (reachable + size - 1) / size;
    }
}
