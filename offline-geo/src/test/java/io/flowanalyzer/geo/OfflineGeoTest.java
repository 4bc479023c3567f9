package io.flowanalyzer.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.IpAddresses;
import java.util.List;
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

    @Test
    void aRangeIsFoundThroughItsSixteenBitIndexExactlyAsByAScanOfAllRanges() throws Exception {
        java.util.Random random = new java.util.Random(23);
        for (boolean v6 : new boolean[] {false, true}) {
            // ranges of every size: within one /16, across many, starting and ending on /16 edges, with gaps
            List<long[]> ranges = new java.util.ArrayList<>(); // {start, end, value} of the top 64 bits (v6) or 32
            StringBuilder table = new StringBuilder();
            long limit = v6 ? Long.MAX_VALUE : 0xFFFF_FFFFL;
            long previousEnd = -1;
            for (int value = 0; ; value++) {
                long gap =
                        switch (random.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> random.nextInt(300);
                            default -> (long) (random.nextDouble() * (v6 ? 1L << 50 : 1L << 20));
                        };
                long size =
                        switch (random.nextInt(3)) {
                            case 0 -> 1 + random.nextInt(256);
                            case 1 -> (v6 ? 1L << 48 : 1L << 16) - (previousEnd + 1 + gap) % (v6 ? 1L << 48 : 1L << 16);
                            default -> 1 + (long) (random.nextDouble() * (v6 ? 1L << 52 : 1L << 22));
                        };
                long start = previousEnd + 1 + gap;
                long end = start + size - 1;
                if (start < 0 || end < start || end > limit) { // the space is full (or the sum overflowed)
                    break;
                }
                ranges.add(new long[] {start, end, value});
                // a row: hex gap, hex size − 1, value; an IPv6 range here is whole /64s: its top 64 bits are the
                // numbers
                table.append(hex(gap, v6))
                        .append('\t')
                        .append(v6 ? Long.toHexString(size - 1) + "ffffffffffffffff" : Long.toHexString(size - 1))
                        .append('\t')
                        .append(value)
                        .append('\n');
                previousEnd = end;
            }
            OfflineGeo.Ranges index = OfflineGeo.Ranges.read(
                    new java.io.BufferedReader(new java.io.StringReader(table.toString())), v6, Integer::parseInt);
            assertThat(index.size()).isEqualTo(ranges.size());
            List<Long> probes = new java.util.ArrayList<>();
            for (long[] r : ranges) {
                probes.addAll(List.of(r[0] - 1, r[0], r[1], r[1] + 1, r[0] + (r[1] - r[0]) / 2));
            }
            for (int k = 0; k < 10_000; k++) {
                probes.add(v6 ? random.nextLong() & Long.MAX_VALUE : random.nextLong() & 0xFFFF_FFFFL);
                probes.add((random.nextLong() & (v6 ? 0xFFFFL << 48 : 0xFFFFL << 16))); // a /16's first address
            }
            for (long a : probes) {
                if (a < 0 || a > limit) {
                    continue;
                }
                int expected = -1;
                for (long[] r : ranges) {
                    if (r[0] <= a && a <= r[1]) {
                        expected = (int) r[2];
                    }
                }
                IpAddresses.Bits b = v6 ? new IpAddresses.Bits(true, a, 0) : new IpAddresses.Bits(false, 0, a);
                assertThat(index.find(b)).as("%s %x", v6 ? "v6" : "v4", a).isEqualTo(expected);
            }
        }
    }

    /** A row's gap in hex: IPv4 as it is; IPv6 in the top 64 bits of 128 (each range fills its low 64). */
    private static String hex(long gap, boolean v6) {
        return v6 && gap != 0 ? Long.toHexString(gap) + "0000000000000000" : Long.toHexString(gap);
    }
}
