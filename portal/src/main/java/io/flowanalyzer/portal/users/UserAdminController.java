package io.flowanalyzer.portal.users;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The users API, for ADMIN: {@code GET /api/users}; {@code POST /api/users} {@code {"name", "password",
 * "roles": [...], "isps": [...], "default_case"?, "case_tags"?: [...]}} (no ISPs: every ISP; a default case adds
 * the user to it; case tags: only records of the files tagged with those cases); {@code PUT /api/users/{name}}
 * {@code {"roles", "isps", "case_tags"?, "password"?}}; {@code POST /api/users/{name}/unlock}.
 */
@RestController
public class UserAdminController {
    private final UserAdmin admin;

    private final io.flowanalyzer.portal.cases.CaseAdmin cases;

    public UserAdminController(UserAdmin admin, io.flowanalyzer.portal.cases.CaseAdmin cases) {
        this.admin = admin;
        this.cases = cases;
    }

    public record Change(
            String name,
            String password,
            List<String> roles,
            List<String> isps,
            @com.fasterxml.jackson.annotation.JsonProperty("default_case") String defaultCase,
            @com.fasterxml.jackson.annotation.JsonProperty("case_tags") List<String> caseTags) {}

    @GetMapping("/api/users")
    public List<UserAdmin.View> users() {
        return admin.list();
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    public UserAdmin.View create(@RequestBody Change change) {
        boolean inCase = change.defaultCase() != null && !change.defaultCase().isBlank();
        if (inCase) {
            cases.joinable(change.defaultCase().strip()); // refused before the account exists, not after
        }
        UserAdmin.View created =
                admin.create(change.name(), change.password(), change.roles(), change.isps(), change.caseTags());
        if (inCase) {
            cases.enrol(change.defaultCase().strip(), created.name());
        }
        return created;
    }

    @PutMapping("/api/users/{name}")
    public UserAdmin.View update(@PathVariable String name, @RequestBody Change change, Principal actor) {
        if (change.password() != null && !change.password().isEmpty()) {
            admin.setPassword(name, change.password());
        }
        return admin.update(actor.getName(), name, change.roles(), change.isps(), change.caseTags());
    }

    @PostMapping("/api/users/{name}/unlock")
    public Map<String, String> unlock(@PathVariable String name) {
        admin.unlock(name);
        return Map.of("result", name + " can sign in again.");
    }
}
