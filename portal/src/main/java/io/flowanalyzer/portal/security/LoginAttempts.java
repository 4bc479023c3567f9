package io.flowanalyzer.portal.security;

import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.users.UserAccounts;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account in its stored document (so every portal instance and a restart
 * see the same count) and locks the account after too many; a successful sign-in clears the count.
 */
@Component
public class LoginAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(LoginAttempts.class);

    private final UserAccounts accounts;
    private final LoginPolicy policy;
    private final AuditTrail audit;

    public LoginAttempts(UserAccounts accounts, LoginPolicy policy, AuditTrail audit) {
        this.accounts = accounts;
        this.policy = policy;
        this.audit = audit;
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        accounts.find(name).ifPresent(account -> {
            int failures = (account.failedLogins() == null ? 0 : account.failedLogins()) + 1;
            if (failures >= policy.maxFailures()) {
                Instant until = Instant.now().plus(policy.lockout());
                accounts.recordFailures(name, 0, until);
                LOG.warn("Account {} locked until {} after {} failed sign-ins", name, until, failures);
                audit.record(
                        name,
                        "account_locked",
                        "ok",
                        name,
                        "locked for " + policy.lockout().toMinutes() + " minutes after " + failures
                                + " failed sign-ins",
                        Map.of("until", until.toString()));
            } else {
                accounts.recordFailures(name, failures, account.lockedUntil());
            }
        });
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        accounts.find(name).ifPresent(account -> {
            if (account.failedLogins() != null && account.failedLogins() > 0) {
                accounts.recordFailures(name, 0, account.lockedUntil());
            }
        });
    }
}
