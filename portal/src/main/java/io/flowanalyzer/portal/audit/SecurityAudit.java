package io.flowanalyzer.portal.audit;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, failed sign-ins (on the form and the API alike) and sign-outs in the audit trail. An API
 * call's successful authentication is not an entry of its own: the call itself is recorded.
 */
@Component
public class SecurityAudit {
    private final AuditTrail audit;

    public SecurityAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    public void signedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "login", "ok", null, "signed in", Map.of());
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String user = event.getAuthentication() == null
                ? "?"
                : event.getAuthentication().getName();
        String why = event.getException().getClass().getSimpleName();
        audit.record(
                user,
                "login",
                "failed",
                null,
                why.equals("LockedException") ? "sign-in refused: the account is locked" : "sign-in failed: " + why,
                Map.of("reason", why));
    }

    @EventListener
    public void signedOut(LogoutSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "logout", "ok", null, "signed out", Map.of());
    }
}
