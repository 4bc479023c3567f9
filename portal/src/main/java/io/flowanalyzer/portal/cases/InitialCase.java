package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.users.UserAccount;
import io.flowanalyzer.portal.users.UserAccounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Opens the configured initial case ({@code flowanalyzer.portal.cases.initial.number}) at first start,
 * with {@code admin} as its member and default case, so that the demo and API clients work at once.
 * Nothing happens when no initial case is configured, or when it exists already.
 */
@Component
@Order(20)
public class InitialCase implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InitialCase.class);

    private final CaseStore store;
    private final UserAccounts accounts;
    private final CaseProperties properties;

    public InitialCase(CaseStore store, UserAccounts accounts, CaseProperties properties) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        CaseProperties.Initial initial = properties.initial();
        if (initial == null || initial.number().isBlank()) {
            return;
        }
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, properties.zoneId());
        CaseFile file = new CaseFile(
                CaseFile.TYPE,
                initial.number(),
                initial.title(),
                new CaseFile.Authority(
                        initial.kind(),
                        initial.reference().isBlank() ? initial.number() : initial.reference(),
                        initial.issuedBy().isBlank() ? "the deployment's configuration" : initial.issuedBy(),
                        initial.purpose(),
                        today,
                        today.plusDays(initial.validDays())),
                List.of("admin"),
                List.of(),
                null,
                null,
                true,
                CaseFile.Status.OPEN,
                "admin",
                now,
                now,
                null,
                List.of());
        if (store.createIfAbsent(file)) {
            LOG.info("Opened the initial case {} with admin as its member", file.number());
        }
        UserAccount admin = accounts.find("admin").orElse(null);
        if (admin != null && (admin.defaultCase() == null || admin.defaultCase().isBlank())) {
            accounts.update("admin", Map.of("default_case", file.number()));
        }
    }
}
