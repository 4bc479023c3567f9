package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.users.UserAccount;
import io.flowanalyzer.portal.users.UserAccounts;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cases API. {@code GET /api/cases}: the cases you work in (SUPERVISOR and ADMIN: every case);
 * {@code GET /api/cases/{number}}; for SUPERVISOR and ADMIN, {@code POST /api/cases} {@code {"number",
 * "title", "kind", "reference", "issued_by", "purpose", "valid_from", "valid_until", "members": [...],
 * "isps": [...], "records_from"?, "records_to"?, "identifiers": true|false}}, {@code PUT
 * /api/cases/{number}} (what is left out keeps its value) and {@code POST /api/cases/{number}/close};
 * for the case's investigators, supervisors and administrators, {@code POST /api/cases/{number}/files}
 * {@code {"add": [sha256 or delivery id…], "remove": […]}} tags delivered files with the case;
 * for anyone, {@code POST /api/cases/{number}/default} makes it the case your requests are made in
 * when they name none with {@code case=}.
 */
@RestController
public class CaseController {
    private final CaseAdmin admin;
    private final CaseStore store;
    private final ActiveCase active;
    private final UserAccounts accounts;
    private final CaseFiles files;

    public CaseController(CaseAdmin admin, CaseStore store, ActiveCase active, UserAccounts accounts, CaseFiles files) {
        this.admin = admin;
        this.files = files;
        this.store = store;
        this.active = active;
        this.accounts = accounts;
    }

    @GetMapping("/api/cases")
    public List<CaseView> cases(Authentication who) {
        return views(who, null);
    }

    @GetMapping("/api/cases/{number}")
    public CaseView one(@PathVariable String number, Authentication who) {
        CaseFile file = store.find(number)
                .filter(c -> c.hasMember(who.getName()) || manages(who))
                .orElseThrow(() -> new io.flowanalyzer.portal.search.SessionDetail.NotFound(
                        "There is no case numbered " + number + " that you may see."));
        return CaseView.of(file, active.today(), defaultCase(who.getName()), null);
    }

    @PostMapping("/api/cases")
    @ResponseStatus(HttpStatus.CREATED)
    public CaseFile open(@RequestBody CaseAdmin.Change change, Principal who) {
        return admin.open(who.getName(), change);
    }

    @PutMapping("/api/cases/{number}")
    public CaseFile update(@PathVariable String number, @RequestBody CaseAdmin.Change change) {
        return admin.update(number, change);
    }

    @PostMapping("/api/cases/{number}/close")
    public CaseFile close(@PathVariable String number) {
        return admin.close(number);
    }

    /** The files to add to and remove from the case: SHA-256 or delivery ids. */
    public record FileChange(List<String> add, List<String> remove) {}

    @PostMapping("/api/cases/{number}/files")
    public CaseView tagFiles(@PathVariable String number, @RequestBody FileChange change, Authentication who) {
        CaseFile file = files.tag(number, change.add(), change.remove(), who, "API");
        return CaseView.of(file, active.today(), defaultCase(who.getName()), null);
    }

    @PostMapping("/api/cases/{number}/default")
    public CaseFile makeDefault(@PathVariable String number, Principal who) {
        return admin.makeDefault(who.getName(), number);
    }

    /** The cases {@code who} may see, with their state today. */
    List<CaseView> views(Authentication who, String current) {
        String name = who.getName();
        String preferred = defaultCase(name);
        return store.list(manages(who) ? null : name).stream()
                .map(c -> CaseView.of(c, active.today(), preferred, current))
                .toList();
    }

    private String defaultCase(String name) {
        return accounts.find(name).map(UserAccount::defaultCase).orElse(null);
    }

    /** Whether {@code who} opens, changes and closes cases. */
    static boolean manages(Authentication who) {
        return who.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR")
                        || a.getAuthority().equals("ROLE_ADMIN"));
    }
}
