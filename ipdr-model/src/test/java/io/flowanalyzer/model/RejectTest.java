package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectTest {
    @Test
    void aReasonsKindLeavesOutItsQuotedValuesAndNumbers() {
        assertThat(Reject.kind("the line has 5 fields; the header has 17"))
                .isEqualTo("the line has N fields; the header has N");
        assertThat(Reject.kind("Acct-Status-Type 'Bogus' is not Start, Stop or Interim-Update"))
                .isEqualTo("Acct-Status-Type '…' is not Start, Stop or Interim-Update");
        assertThat(Reject.kind("the IPv6 prefix \"2001:db8::/129\" is not a prefix"))
                .isEqualTo("the IPv6 prefix '…' is not a prefix");
        assertThat(Reject.kind("the line is longer than 1048576 bytes")).isEqualTo("the line is longer than N bytes");
        // digits inside a word are part of it
        assertThat(Reject.kind("3GPP-IMEISV is not 16 digits")).isEqualTo("3GPP-IMEISV is not N digits");
        assertThat(Reject.kind("x".repeat(300))).hasSize(160).endsWith("…");
        assertThat(Reject.kind(null)).isNull();
        assertThat(new Reject.Error("the line has 3 fields").type()).isEqualTo("the line has N fields");
    }
}
