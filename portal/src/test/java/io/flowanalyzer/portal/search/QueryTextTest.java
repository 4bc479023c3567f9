package io.flowanalyzer.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextTest {
    private final QueryText text = new QueryText("91", 10);

    @Test
    void blankMeansEverything() {
        assertThat(text.rewrite(null)).isEqualTo("*");
        assertThat(text.rewrite("   ")).isEqualTo("*");
    }

    @Test
    void comparisonsWithoutAColonBecomeRanges() {
        assertThat(text.rewrite("bytes_up>1000000")).isEqualTo("bytes_up:>1000000");
        assertThat(text.rewrite("bytes_down >= 5000 AND protocol:udp")).isEqualTo("bytes_down:>=5000 AND protocol:udp");
        assertThat(text.rewrite("source.bytes<10")).isEqualTo("source.bytes:<10");
        assertThat(text.rewrite("bytes_up:>1000000")).isEqualTo("bytes_up:>1000000");
        assertThat(text.rewrite("start_time<=2024-03-01")).isEqualTo("start_time:<=2024-03-01");
    }

    @Test
    void aNationalMobileNumberAlsoFindsTheStoredFormWithTheCountryCode() {
        assertThat(text.rewrite("msisdn:9876543210")).isEqualTo("msisdn:(9876543210 OR 919876543210)");
        assertThat(text.rewrite("9876543210")).isEqualTo("(9876543210 OR 919876543210)");
        assertThat(text.rewrite("msisdn:919876543210")).isEqualTo("msisdn:919876543210");
        assertThat(text.rewrite("ipdr.a_party.msisdn:9876543210 AND app:WhatsApp"))
                .isEqualTo("ipdr.a_party.msisdn:(9876543210 OR 919876543210) AND app:WhatsApp");
        // not mobile numbers: wrong length, a landline-like first digit, other fields, wildcards, range bounds
        assertThat(text.rewrite("1234567890")).isEqualTo("1234567890");
        assertThat(text.rewrite("imei:9876543210")).isEqualTo("imei:9876543210");
        assertThat(text.rewrite("msisdn:98765*")).isEqualTo("msisdn:98765*");
        assertThat(text.rewrite("bytes_up>9876543210")).isEqualTo("bytes_up:>9876543210");
        assertThat(text.rewrite("bytes_up:[6000000000 TO 7000000000]"))
                .isEqualTo("bytes_up:[6000000000 TO 7000000000]");
    }

    @Test
    void quotedPhrasesAreLeftAsTyped() {
        assertThat(text.rewrite("destination.ip:\"157.240.0.0/16\" AND bytes_up>5"))
                .isEqualTo("destination.ip:\"157.240.0.0/16\" AND bytes_up:>5");
        assertThat(text.rewrite("ipdr.flags.reason:\"a>b 9876543210\""))
                .isEqualTo("ipdr.flags.reason:\"a>b 9876543210\"");
        assertThat(text.rewrite("\"unclosed 9876543210")).isEqualTo("\"unclosed 9876543210");
    }

    @Test
    void withoutACountryCodeNumbersAreLeftAlone() {
        assertThat(new QueryText("", 10).rewrite("9876543210")).isEqualTo("9876543210");
    }

    @Test
    void findsTheAddressesAQueryNames() {
        assertThat(QueryText.addresses("destination.ip:\"157.240.0.0/16\" OR 10.1.2.3 AND msisdn:98*"))
                .containsExactly("157.240.0.0/16", "10.1.2.3");
        assertThat(QueryText.addresses("public_ip:2409:4042::1")).isEmpty(); // unquoted IPv6 is not a query_string term
        assertThat(QueryText.addresses("public_ip:\"2409:4042::1\"")).containsExactly("2409:4042::1");
        assertThat(QueryText.addresses(null)).isEmpty();
    }
}
