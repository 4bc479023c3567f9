package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "' 100.64.0.1 ', 100.64.0.1",
        "010.001.002.003, 10.1.2.3",
        "2409:4042:0000:0000:0000:0000:0000:0001, 2409:4042::1",
        "2409:4042::1, 2409:4042::1",
        "2409:40C0:1A:0:0:0:0:1, 2409:40c0:1a::1",
        "2001:db8:0:1:0:0:0:0, 2001:db8:0:1::",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::, ::",
        "::1, ::1",
        "::ffff:192.0.2.7, 192.0.2.7",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "[2001:db8::5], 2001:db8::5",
    })
    void writesEveryAddressInItsCanonicalForm(String in, String canonical) {
        assertThat(IpAddresses.normalise(in)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "1.2.3.-4",
                "a.b.c.d",
                "example.com",
                "2001:db8::1::2",
                "2001:db8:1:2:3:4:5:6:7",
                "12345::1",
                "fe80::1%eth0",
                "1.2.3.4 x",
                "g::1"
            })
    void refusesWhatIsNotAnAddressLiteral(String in) {
        assertThat(IpAddresses.normalise(in)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theCanonicalFastPathAgreesWithTheParser() {
        for (String ip : java.util.List.of("10.0.0.1", "255.255.255.255", "0.0.0.0", "192.168.100.10", "1.2.3.4")) {
            assertThat(IpAddresses.canonicalIpv4(ip)).as(ip).isTrue();
            assertThat(IpAddresses.normalise(ip)).contains(ip);
        }
        for (String ip : java.util.List.of(
                "010.0.0.1",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "1.2.3.",
                ".1.2.3",
                "1.2.3.4a",
                "1.2.3.0004")) {
            assertThat(IpAddresses.canonicalIpv4(ip)).as(ip).isFalse();
        }
        assertThat(IpAddresses.normalise("010.000.000.001")).contains("10.0.0.1");
    }
}
