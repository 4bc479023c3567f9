package io.flowanalyzer.portal.users;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's users page: every account with its roles, ISP scope and lock; forms to create and change. */
@Controller
public class UserAdminPageController {
    private final UserAdmin admin;

    public UserAdminPageController(UserAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/admin/users")
    public String users(Model model) {
        try {
            model.addAttribute("users", admin.list());
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("users", List.of());
        }
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    public String create(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) String isps,
            @RequestParam(name = "case_tags", required = false) String caseTags,
            RedirectAttributes redirect) {
        try {
            admin.create(name, password, roles, listed(isps), listed(caseTags));
            redirect.addFlashAttribute(
                    "notice", "The user " + name.strip().toLowerCase(java.util.Locale.ROOT) + " was created.");
        } catch (InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{name}")
    public String update(
            @PathVariable String name,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) String isps,
            @RequestParam(name = "case_tags", required = false) String caseTags,
            @RequestParam(required = false) String password,
            Principal actor,
            RedirectAttributes redirect) {
        try {
            if (password != null && !password.isEmpty()) {
                admin.setPassword(name, password);
            }
            admin.update(actor.getName(), name, roles, listed(isps), listed(caseTags));
            redirect.addFlashAttribute("notice", "The user " + name + " was changed.");
        } catch (InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    private static List<String> listed(String field) {
        return field == null ? List.of() : List.of(field);
    }

    @PostMapping("/admin/users/{name}/unlock")
    public String unlock(@PathVariable String name, RedirectAttributes redirect) {
        try {
            admin.unlock(name);
            redirect.addFlashAttribute("notice", name + " can sign in again.");
        } catch (InvalidSearch | SearchUnavailable e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
