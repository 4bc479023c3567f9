package io.flowanalyzer.portal.users;

import io.flowanalyzer.portal.PortalProperties;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code admin} account on first start: with FLOWANALYZER_ADMIN_PASSWORD when set,
 * otherwise with a generated password printed once. Later starts leave the account alone.
 */
@Component
@Order(10)
public class AdminAccountBootstrap implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccountBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final PortalProperties properties;

    private final PasswordPolicy passwords;

    public AdminAccountBootstrap(
            UserAccounts accounts, PasswordEncoder encoder, PortalProperties properties, PasswordPolicy passwords) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.find("admin").isPresent()) {
            return;
        }
        boolean given = properties.adminPassword() != null
                && !properties.adminPassword().isBlank();
        String password = given ? properties.adminPassword() : generate();
        Instant now = Instant.now();
        boolean created = accounts.createIfAbsent(new UserAccount(
                UserAccount.TYPE,
                "admin",
                List.of(Role.ADMIN.name(), Role.INVESTIGATOR.name()),
                encoder.encode(password),
                now,
                now,
                0,
                null,
                List.of(),
                null,
                List.of()));
        if (!created) {
            return;
        }
        if (given) {
            LOG.info("Created the admin account with the password from FLOWANALYZER_ADMIN_PASSWORD");
            try {
                passwords.check("admin", password);
            } catch (io.flowanalyzer.portal.search.InvalidSearch weak) {
                LOG.warn(
                        "The admin password from FLOWANALYZER_ADMIN_PASSWORD does not meet the password rules ({}); set a new one on the Users page.",
                        weak.getMessage());
            }
        } else {
            // Printed once, to the console only: the log files never hold it.
            System.out.println();
            System.out.println("  The admin account was created with the password: " + password);
            System.out.println(
                    "  It is shown only this once. Set FLOWANALYZER_ADMIN_PASSWORD before the first start to choose it.");
            System.out.println();
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
