package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The sessions page (query bar, time range, chips, histogram, facets, table) and the rejects page.
 * Everything a search is lives in its URL; the forms that add a chip or a list redirect to the URL
 * of the search with it, so the back button, bookmarks and shared links all work.
 */
@Controller
public class SearchPageController {
    /** An uploaded identifier list larger than this is refused (10,000 identifiers fit well within it). */
    static final long MAX_LIST_BYTES = 1024 * 1024;

    private final DocumentSearch search;
    private final SessionSearch sessions;
    private final IdLists lists;
    private final PortalProperties properties;

    public SearchPageController(
            DocumentSearch search, SessionSearch sessions, IdLists lists, PortalProperties properties) {
        this.search = search;
        this.sessions = sessions;
        this.lists = lists;
        this.properties = properties;
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/search";
    }

    @GetMapping("/search")
    public String sessions(
            SessionParams params,
            @RequestParam(name = "fk", required = false) String addKind,
            @RequestParam(name = "fv", required = false) String addValue,
            @RequestParam(name = "fx", required = false) String addExcluded,
            Model model) {
        SessionQuery q;
        try {
            q = params.query(properties.defaultPageSize());
            q = new SessionQuery(
                    q.q(),
                    q.from(),
                    q.to(),
                    q.filters(),
                    q.sort(),
                    q.descending(),
                    Math.max(0, q.page()),
                    properties.defaultPageSize(),
                    q.columns());
            if (addKind != null && addValue != null && !addValue.isBlank()) {
                // the add-a-filter form: fold the chip into the search and show its canonical address
                Filter chip = Filter.parse(("on".equals(addExcluded) ? "-" : "") + addKind + ":" + addValue);
                return "redirect:" + q.withFilter(chip).url("/search");
            }
        } catch (InvalidSearch e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("q", params.q() == null ? "" : params.q());
            model.addAttribute("from", params.from() == null ? "" : params.from());
            model.addAttribute("to", params.to() == null ? "" : params.to());
            model.addAttribute("kinds", FilterKind.values());
            model.addAttribute("fieldHelp", QueryFields.HELP_ROWS);
            return "search/sessions";
        }
        model.addAttribute("q", q.q() == null ? "" : q.q());
        model.addAttribute("from", q.from() == null ? "" : q.from());
        model.addAttribute("to", q.to() == null ? "" : q.to());
        model.addAttribute("kinds", FilterKind.values());
        model.addAttribute("fieldHelp", QueryFields.HELP_ROWS);
        model.addAttribute("query", q);
        try {
            SessionResults results = sessions.search(q, SessionSearch.all());
            model.addAttribute("total", results.total());
            model.addAttribute("view", SearchPage.of(q, results, addresses(q), this::label));
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute(
                    "view",
                    SearchPage.of(
                            q, new SessionResults(0, List.of(), java.util.Map.of(), Histogram.empty()), List.of()));
        }
        return "search/sessions";
    }

    /** A pasted or uploaded list of identifiers becomes one chip of the current search. */
    @PostMapping("/search/lists")
    public String addList(
            SessionParams params,
            @RequestParam(name = "identifiers", required = false) String pasted,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal user,
            Model model) {
        SessionQuery q;
        try {
            q = params.query(properties.defaultPageSize());
        } catch (InvalidSearch e) {
            return sessions(new SessionParams(null, null, null, null, null, null, null, null), null, null, null, model);
        }
        try {
            StringBuilder text = new StringBuilder(pasted == null ? "" : pasted);
            if (file != null && !file.isEmpty()) {
                if (file.getSize() > MAX_LIST_BYTES) {
                    throw new InvalidSearch("The list file is larger than 1 MB; a list holds at most "
                            + String.format("%,d", IdList.MAX_ENTRIES) + " identifiers.");
                }
                text.append('\n').append(new String(file.getBytes(), StandardCharsets.UTF_8));
            }
            IdList list = lists.save(IdList.parse(text.toString()), user.getName());
            return "redirect:"
                    + q.withFilter(new Filter(FilterKind.LIST, list.id(), false))
                            .url("/search");
        } catch (InvalidSearch | SearchUnavailable e) {
            sessions(params, null, null, null, model);
            model.addAttribute("listProblem", e.getMessage());
            model.addAttribute("identifiers", pasted);
            return "search/sessions";
        } catch (IOException e) {
            sessions(params, null, null, null, model);
            model.addAttribute("listProblem", "The list file could not be read; try again or paste the identifiers.");
            return "search/sessions";
        }
    }

    /** A chip's words; a list chip says what the list holds. */
    private String label(Filter f) {
        if (f.kind() != FilterKind.LIST) {
            return f.label();
        }
        try {
            return (f.excluded() ? "not " : "") + "List of "
                    + lists.load(f.value()).describe();
        } catch (InvalidSearch | SearchUnavailable e) {
            return f.label();
        }
    }

    /** Addresses the search names (chips, query text), whose cells are marked in the table. */
    static List<String> addresses(SessionQuery q) {
        List<String> found = new ArrayList<>(QueryText.addresses(q.q()));
        for (Filter f : q.filters()) {
            if (!f.excluded() && (f.kind() == FilterKind.IP || f.kind() == FilterKind.DESTINATION)) {
                found.add(f.value());
            }
        }
        return found;
    }

    @GetMapping("/rejects")
    public String rejects(SearchParams params, Model model) {
        SearchRequest asked = params.request();
        SearchRequest request = new SearchRequest(
                asked.query(), asked.from(), asked.to(), Math.max(0, asked.page()), properties.defaultPageSize());
        model.addAttribute("q", request.query() == null ? "" : request.query());
        model.addAttribute("from", request.from() == null ? "" : request.from());
        model.addAttribute("to", request.to() == null ? "" : request.to());
        model.addAttribute("page", request.page());
        try {
            SearchResult result =
                    search.shown(Indices.REJECTS, request, List.of(Fields.DELIVERY_LINE, Fields.EVENT_ID));
            model.addAttribute("total", result.total());
            model.addAttribute(
                    "rows", result.hits().stream().map(RejectView::of).toList());
            model.addAttribute("pages", pages(result.total(), request.size()));
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "search/rejects";
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
