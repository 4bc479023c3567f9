package io.flowanalyzer.portal.export;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchParams;
import io.flowanalyzer.portal.search.SessionParams;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The export button's form and the page that follows an export until its file can be downloaded. */
@Controller
public class ExportPageController {
    private final Exports exports;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    public ExportPageController(Exports exports, io.flowanalyzer.portal.audit.AuditTrail audit) {
        this.exports = exports;
        this.audit = audit;
    }

    @PostMapping("/exports")
    public String start(
            SessionParams params,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "csv") String format,
            Principal user,
            Model model) {
        try {
            ExportJob job = exports.begin(format, params.query(SearchParams.DEFAULT_SIZE), user.getName());
            return "redirect:/exports/" + job.id();
        } catch (InvalidSearch | io.flowanalyzer.portal.search.SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
            return "export/export";
        }
    }

    @GetMapping("/exports/{id}")
    public String page(
            @PathVariable String id, Principal user, Model model, jakarta.servlet.http.HttpServletResponse response) {
        ExportJob job = exports.find(id, user.getName()).orElse(null);
        if (job == null) {
            response.setStatus(404);
            model.addAttribute("problem", "There is no such export of yours.");
        } else {
            model.addAttribute("job", job);
        }
        return "export/export";
    }

    @GetMapping("/exports/{id}/file")
    public ResponseEntity<?> file(@PathVariable String id, Principal user) throws IOException {
        return ExportController.download(exports, audit, id, user);
    }
}
