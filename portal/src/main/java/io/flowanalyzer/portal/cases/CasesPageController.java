package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Cases page: the cases you work in, which one you are working in now, and (SUPERVISOR, ADMIN)
 * forms to open, change and close cases. A page that needs a case sends you here with the reason.
 */
@Controller
public class CasesPageController {
    private final CaseController api;
    private final CaseAdmin admin;
    private final ActiveCase active;

    public CasesPageController(CaseController api, CaseAdmin admin, ActiveCase active) {
        this.api = api;
        this.admin = admin;
        this.active = active;
    }

    @GetMapping("/cases")
    public String cases(Authentication who, HttpSession session, Model model) {
        Object why = session.getAttribute(CaseInterceptor.WHY);
        if (why != null) {
            session.removeAttribute(CaseInterceptor.WHY);
            model.addAttribute("problem", why);
        }
        String current =
                session.getAttribute(ActiveCase.CHOSEN) instanceof String s ? s : active.preferred(who.getName());
        try {
            model.addAttribute("cases", api.views(who, current));
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("cases", List.of());
        }
        model.addAttribute("manages", CaseController.manages(who));
        model.addAttribute("me", who.getName());
        model.addAttribute("today", active.today());
        model.addAttribute("until", active.today().plusDays(90));
        return "cases/cases";
    }

    @PostMapping("/cases/{number}/work")
    public String work(@PathVariable String number, Principal who, HttpSession session, RedirectAttributes redirect) {
        try {
            CaseFile file = active.usable(number, who.getName());
            session.setAttribute(ActiveCase.CHOSEN, file.number());
            return "redirect:/search";
        } catch (CaseRequired | InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/cases";
        }
    }

    @PostMapping("/cases/{number}/default")
    public String makeDefault(@PathVariable String number, Principal who, RedirectAttributes redirect) {
        return done(
                () -> admin.makeDefault(who.getName(), number),
                "Case " + number + " is now your default case.",
                redirect);
    }

    @PostMapping("/cases")
    public String open(@ModelAttribute Form form, Authentication who, RedirectAttributes redirect) {
        if (!CaseController.manages(who)) {
            redirect.addFlashAttribute("problem", "Only a supervisor or an administrator opens cases.");
            return "redirect:/cases";
        }
        return done(() -> admin.open(who.getName(), form.change()), "Case " + form.number() + " was opened.", redirect);
    }

    @PostMapping("/cases/{number}")
    public String update(
            @PathVariable String number, @ModelAttribute Form form, Authentication who, RedirectAttributes redirect) {
        if (!CaseController.manages(who)) {
            redirect.addFlashAttribute("problem", "Only a supervisor or an administrator changes cases.");
            return "redirect:/cases";
        }
        return done(() -> admin.update(number, form.change()), "Case " + number + " was changed.", redirect);
    }

    @PostMapping("/cases/{number}/close")
    public String close(@PathVariable String number, Authentication who, RedirectAttributes redirect) {
        if (!CaseController.manages(who)) {
            redirect.addFlashAttribute("problem", "Only a supervisor or an administrator closes cases.");
            return "redirect:/cases";
        }
        return done(() -> admin.close(number), "Case " + number + " was closed.", redirect);
    }

    /** The case forms' fields; empty fields of a change keep their value. */
    public record Form(
            String number,
            String title,
            String kind,
            String reference,
            String issuedBy,
            String purpose,
            String validFrom,
            String validUntil,
            String members,
            String isps,
            String recordsFrom,
            String recordsTo,
            String identifiers) {
        CaseAdmin.Change change() {
            return new CaseAdmin.Change(
                    number,
                    blank(title),
                    blank(kind),
                    blank(reference),
                    blank(issuedBy),
                    blank(purpose),
                    blank(validFrom),
                    blank(validUntil),
                    members == null ? null : List.of(members),
                    isps == null ? null : List.of(isps),
                    recordsFrom,
                    recordsTo,
                    "on".equals(identifiers) || "true".equals(identifiers));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private static String done(Runnable change, String notice, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (CaseRequired | InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/cases";
    }
}
