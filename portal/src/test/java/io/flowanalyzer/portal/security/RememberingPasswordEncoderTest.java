package io.flowanalyzer.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RememberingPasswordEncoderTest {
    private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder();

    @Test
    void remembersOnlyMatchesAndOnlyForTheHashTheyWereMadeWith() {
        String hash = encoder.encode("Jio-Case-Desk-2026");
        assertThat(hash).startsWith("$2a$");
        assertThat(encoder.matches("Jio-Case-Desk-2026", hash)).isTrue();
        assertThat(encoder.matches("Jio-Case-Desk-2026", hash)).isTrue(); // remembered
        assertThat(encoder.matches("jio-case-desk-2026", hash)).isFalse();
        assertThat(encoder.matches("jio-case-desk-2026", hash)).isFalse(); // a failure is never remembered
        String changed = encoder.encode("Another-Long-Phrase-9");
        assertThat(encoder.matches("Jio-Case-Desk-2026", changed)).isFalse();
        assertThat(encoder.matches(null, hash)).isFalse();
    }
}
