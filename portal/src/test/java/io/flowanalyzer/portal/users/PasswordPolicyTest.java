package io.flowanalyzer.portal.users;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.portal.security.LoginPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy(new LoginPolicy(5, Duration.ofMinutes(10), 12));

    @Test
    void refusesShortCommonDressedUpAndSelfNamedPasswords() {
        assertThatThrownBy(() -> policy.check("asha", "Sh0rt-pass"))
                .hasMessage("A password needs at least 12 characters.");
        assertThatThrownBy(() -> policy.check("asha", "qwertyuiop12"))
                .hasMessage("This password is on the list of common passwords; choose another.");
        assertThatThrownBy(() -> policy.check("asha", "P@ssword2026!!"))
                .hasMessage("This password is on the list of common passwords; choose another.");
        assertThatThrownBy(() -> policy.check("asha", "1234567890123"))
                .hasMessage("A password needs letters, not only digits and symbols.");
        assertThatThrownBy(() -> policy.check("asha", "Asha-Verma-1987"))
                .hasMessage("A password may not contain the user name.");
        assertThatThrownBy(() -> policy.check("asha", "aaaaaaaaaaaaaaab"))
                .hasMessage("A password needs at least 4 different characters.");
    }

    @Test
    void acceptsALongUncommonPassword() {
        assertThatCode(() -> policy.check("asha", "Jio-Case-Desk-2026")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("asha", "correct horse battery staple"))
                .doesNotThrowAnyException();
    }
}
