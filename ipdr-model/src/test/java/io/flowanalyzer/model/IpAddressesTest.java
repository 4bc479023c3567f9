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

    @org.junit.jupiter.api.Test
    void readsAndWritesIpv6InOnePassExactlyAsSplittingAtTheColonsDid() {
        java.util.Random random = new java.util.Random(17);
        String alphabet = "0123456789abcdefABCDEF::::..%gx٣";
        int read = 0;
        for (int k = 0; k < 300_000; k++) {
            StringBuilder text = new StringBuilder();
            if (k % 2 == 0) { // an address near the real shapes: groups, a gap, an IPv4 tail, each maybe spoilt
                int groups = random.nextInt(10);
                int gapAt = random.nextInt(12);
                for (int g = 0; g < groups; g++) {
                    text.append(g == gapAt ? "::" : g > 0 ? ":" : "");
                    text.append(Integer.toHexString(random.nextInt(random.nextBoolean() ? 16 : 0x20000)));
                }
                if (gapAt == groups) {
                    text.append("::");
                }
                if (random.nextInt(4) == 0) {
                    text.append(":")
                            .append(random.nextInt(300))
                            .append(".1.")
                            .append(random.nextInt(300))
                            .append(".4");
                }
                if (random.nextInt(5) == 0 && text.length() > 0) {
                    text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                int length = random.nextInt(20);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String s = text.toString();
            if (s.indexOf(':') < 0) {
                continue;
            }
            int[] expected = SplitAtColons.parseIpv6(s);
            int[] groups = IpAddresses.parseIpv6(s);
            assertThat(groups).as(s).isEqualTo(expected);
            if (groups != null) {
                read++;
                assertThat(IpAddresses.formatIpv6(groups)).as(s).isEqualTo(SplitAtColons.formatIpv6(groups));
            }
        }
        assertThat(read).isGreaterThan(10_000); // enough addresses read, not only refused
    }

    @org.junit.jupiter.api.Test
    void readsIpv4InOnePassExactlyAsSplittingAtTheDotsDid() {
        java.util.Random random = new java.util.Random(19);
        String alphabet = "0123456789....-a٣ ";
        int read = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder text = new StringBuilder();
            if (k % 2 == 0) {
                int parts = random.nextInt(4) == 0 ? 3 + random.nextInt(3) : 4;
                for (int p = 0; p < parts; p++) {
                    text.append(p > 0 ? "." : "").append(random.nextInt(random.nextInt(10) == 0 ? 2000 : 256));
                }
                if (random.nextInt(4) == 0) {
                    text.insert(random.nextInt(text.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                int length = random.nextInt(16);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String s = text.toString();
            int[] octets = IpAddresses.parseIpv4(s);
            assertThat(octets).as(s).isEqualTo(SplitAtColons.parseIpv4(s));
            read += octets == null ? 0 : 1;
        }
        assertThat(read).isGreaterThan(20_000);
    }

    /** The parser and writer before they read and wrote in one pass: the reference. */
    private static final class SplitAtColons {
        static int[] parseIpv6(String s) {
            if (s.indexOf('%') >= 0) {
                return null;
            }
            int[] tail = null;
            int lastColon = s.lastIndexOf(':');
            String head = s;
            if (s.indexOf('.', lastColon) > 0) {
                tail = parseIpv4(s.substring(lastColon + 1));
                if (tail == null) {
                    return null;
                }
                head = s.substring(0, lastColon + 1) + "0:0";
            }
            int doubleColon = head.indexOf("::");
            if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
                return null;
            }
            String[] left;
            String[] right;
            if (doubleColon >= 0) {
                String l = head.substring(0, doubleColon);
                String r = head.substring(doubleColon + 2);
                left = l.isEmpty() ? new String[0] : l.split(":", -1);
                right = r.isEmpty() ? new String[0] : r.split(":", -1);
                if (left.length + right.length > 7) {
                    return null;
                }
            } else {
                left = head.split(":", -1);
                right = new String[0];
                if (left.length != 8) {
                    return null;
                }
            }
            int[] groups = new int[8];
            for (int i = 0; i < left.length; i++) {
                int g = parseGroup(left[i]);
                if (g < 0) {
                    return null;
                }
                groups[i] = g;
            }
            for (int i = 0; i < right.length; i++) {
                int g = parseGroup(right[i]);
                if (g < 0) {
                    return null;
                }
                groups[8 - right.length + i] = g;
            }
            if (tail != null) {
                groups[6] = (tail[0] << 8) | tail[1];
                groups[7] = (tail[2] << 8) | tail[3];
            }
            return groups;
        }

        private static int parseGroup(String g) {
            if (g.isEmpty() || g.length() > 4) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    return -1;
                }
                v = (v << 4) | d;
            }
            return v;
        }

        static String formatIpv6(int[] g) {
            boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
            if (mapped) {
                return formatIpv4(new int[] {g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff});
            }
            // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.toString();
        }

        static int[] parseIpv4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            int[] octets = new int[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3) {
                    return null;
                }
                int v = 0;
                for (int k = 0; k < p.length(); k++) {
                    char c = p.charAt(k);
                    if (c < '0' || c > '9') {
                        return null;
                    }
                    v = v * 10 + (c - '0');
                }
                if (v > 255) {
                    return null;
                }
                octets[i] = v;
            }
            return octets;
        }

        private static String formatIpv4(int[] o) {
            return o[0] + "." + o[1] + "." + o[2] + "." + o[3];
        }
    }
}
