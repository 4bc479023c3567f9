package io.flowanalyzer.portal.search;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A session's own page ({@code /sessions/{id}}); the API is {@code GET /api/sessions/{id}}. */
@Controller
public class SessionDetailController {
    private final SessionDetail detail;

    public SessionDetailController(SessionDetail detail) {
        this.detail = detail;
    }

    @GetMapping("/sessions/{id}")
    public String page(
            @PathVariable String id,
            SessionParams search,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("backUrl", backUrl(search));
        try {
            model.addAttribute("d", detail.find(id));
        } catch (SessionDetail.NotFound e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("problem", e.getMessage());
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "search/session";
    }

    /** Back to the search the record was opened from (the detail link carries it). */
    static String backUrl(SessionParams search) {
        try {
            return search.query(50).url("/search");
        } catch (InvalidSearch e) {
            return "/search";
        }
    }
}
