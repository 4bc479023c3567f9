package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.users.UserAccount;
import io.flowanalyzer.portal.users.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The case a request is made in. It is, in order: the {@code case} parameter; on pages, the case the
 * user chose earlier in their session; their default case; their only case. The user must be a member,
 * the case open and its authority valid today, or the request is refused with the reason. The case is
 * kept as a request attribute, where the data scope, the masking and the audit trail read it.
 */
@Component
public class ActiveCase {
    /** Request attribute: the {@link CaseFile} the request is made in. */
    public static final String ATTRIBUTE = "flowanalyzer.case";
    /** Session attribute: the number of the case the user chose on the pages. */
    public static final String CHOSEN = "flowanalyzer.case.chosen";

    private final CaseStore store;
    private final UserAccounts accounts;
    private final CaseProperties properties;

    public ActiveCase(CaseStore store, UserAccounts accounts, CaseProperties properties) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
    }

    /** The case of the current request, when it was made in one. */
    public static Optional<CaseFile> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((CaseFile) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    /** The case {@code request} by {@code user} is made in, stored on the request; refused with the reason. */
    public CaseFile resolve(HttpServletRequest request, String user) {
        String asked = request.getParameter("case");
        HttpSession session = request.getSession(false);
        CaseFile file;
        if (asked != null && !asked.isBlank()) {
            file = usable(asked.strip(), user);
        } else if (session != null && session.getAttribute(CHOSEN) instanceof String chosen) {
            file = usable(chosen, user);
        } else {
            file = fallback(user);
        }
        request.setAttribute(ATTRIBUTE, file);
        return file;
    }

    /** The case numbered {@code number} if {@code user} may work in it now; refused with the reason. */
    public CaseFile usable(String number, String user) {
        CaseFile file = store.find(number)
                .filter(c -> c.hasMember(user))
                .orElseThrow(() -> new CaseRequired("You are not a member of a case numbered " + number + "."));
        String closed = file.closedReason(today());
        if (closed != null) {
            throw new CaseRequired(closed + " Choose another case on the Cases page.");
        }
        return file;
    }

    /** The number of {@code user}'s default case (null: none), from their account as recently read. */
    public String preferred(String user) {
        return accounts.find(user).map(UserAccount::defaultCase).orElse(null);
    }

    private CaseFile fallback(String user) {
        String preferred = preferred(user);
        if (preferred != null && !preferred.isBlank()) {
            return usable(preferred, user);
        }
        List<CaseFile> open = store.list(user).stream()
                .filter(c -> c.closedReason(today()) == null)
                .toList();
        if (open.size() == 1) {
            return open.get(0);
        }
        throw new CaseRequired(
                open.isEmpty()
                        ? "You are not working in any open case. Records are searched, viewed and exported only in a case; ask a supervisor to add you to one."
                        : "You work in " + open.size()
                                + " cases: choose one on the Cases page, or name it with the 'case' parameter.");
    }

    public LocalDate today() {
        return LocalDate.ofInstant(Instant.now(), properties.zoneId());
    }
}
