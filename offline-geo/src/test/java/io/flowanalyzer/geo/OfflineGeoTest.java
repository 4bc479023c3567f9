package io.flowanalyzer.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bundled tables, read as shipped; expected values checked against the source CSVs by hand. */
class OfflineGeoTest {
    private final OfflineGeo geo = OfflineGeo.bundled();

    @Test
    void knownPublicAddressesHaveTheirAsAndCountry() {
        assertThat(geo.lookup("8.8.8.8"))
                .isEqualTo(new OfflineGeo.Place(15169L, "Google LLC", "US", "United States", 38.0, -97.0));
        assertThat(geo.lookup("1.0.0.1"))
                .isEqualTo(new OfflineGeo.Place(13335L, "Cloudflare, Inc.", "AU", "Australia", -27.0, 133.0));
        assertThat(geo.lookup("49.44.1.1"))
                .isEqualTo(new OfflineGeo.Place(55836L, "Reliance Jio Infocomm Limited", "IN", "India", 20.0, 77.0));
        assertThat(geo.lookup("157.240.1.35").asn()).isEqualTo(32934L);
    }

    @Test
    void ipv6AddressesAreLookedUpInTheirOwnTables() {
        assertThat(geo.lookup("2001:4860:4860::8888"))
                .isEqualTo(new OfflineGeo.Place(15169L, "Google LLC", "US", "United States", 38.0, -97.0));
        OfflineGeo.Place facebook = geo.lookup("2A03:2880:F12F:83:FACE:B00C:0:25DE");
        assertThat(facebook.asn()).isEqualTo(32934L);
        assertThat(facebook.countryIsoCode()).isEqualTo("IE");
        // an IPv4-mapped IPv6 address is the IPv4 address
        assertThat(geo.lookup("::ffff:8.8.8.8").asn()).isEqualTo(15169L);
    }

    @Test
    void whereSourceRangesOverlapTheMoreSpecificLaterOneWins() {
        // 214.95.0.0–215.0.255.255 (AS749) overlaps 215.0.0.0–215.1.3.255 (AS721) in the source
        assertThat(geo.lookup("214.96.0.1").asn()).isEqualTo(749L);
        assertThat(geo.lookup("215.0.0.5").asn()).isEqualTo(721L);
    }

    @Test
    void privateSharedAndSpecialAddressesAreNeverLocated() {
        for (String ip : new String[] {
            "10.1.2.3",
            "100.64.12.8",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.1.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "fd00::1",
            "fe80::1",
            "::1",
            "ff02::1"
        }) {
            assertThat(geo.lookup(ip)).as(ip).isNull();
        }
        assertThat(geo.lookup("not an address")).isNull();
        assertThat(geo.lookup((String) null)).isNull();
        assertThat(geo.lookup("example.com")).isNull();
    }

    @Test
    void aPlaceBecomesEcsGeoAndAsFields() {
        OfflineGeo.Place google = geo.lookup("8.8.8.8");
        assertThat(google.geo().countryIsoCode()).isEqualTo("US");
        assertThat(google.geo().location().lat()).isEqualTo(38.0);
        assertThat(google.as().organization().name()).isEqualTo("Google LLC");
        assertThat(geo.summary()).contains("AS ranges");
    }
}
