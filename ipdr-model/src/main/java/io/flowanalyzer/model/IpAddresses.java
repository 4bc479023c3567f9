package io.flowanalyzer.model;

import java.util.Optional;

/**
 * Parses IP address literals without ever touching DNS, and writes them in one canonical form:
 * dotted-quad IPv4 without leading zeros, RFC 5952 compressed lower-case IPv6 (an IPv4-mapped
 * IPv6 address becomes its IPv4 form), so that the same address is spelled the same in every feed.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** The canonical form of {@code text}, or empty when it is not an IPv4 or IPv6 literal. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return Optional.empty();
        }
        if (canonicalIpv4(s)) {
            return Optional.of(s); // already as it would be written: no parsing, no new string
        }
        if (s.indexOf(':') >= 0) {
            int[] groups = parseIpv6(s);
            if (groups == null) {
                return Optional.empty();
            }
            return Optional.of(formatIpv6(groups));
        }
        int[] octets = parseIpv4(s);
        return octets == null ? Optional.empty() : Optional.of(formatIpv4(octets));
    }

    /**
     * An address as bits: an IPv4 address in the low 32 bits of {@code lo} ({@code v6} false), an IPv6
     * address as its high and low 64 bits. IPv4-mapped IPv6 addresses are IPv4, as in {@link #normalise}.
     */
    public record Bits(boolean v6, long hi, long lo) {
        /** The address width: 32 or 128. */
        public int width() {
            return v6 ? 128 : 32;
        }

        /** This address with every bit after the first {@code prefix} cleared. */
        public Bits masked(int prefix) {
            if (!v6) {
                long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
                return new Bits(false, 0, lo & mask);
            }
            long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
            return new Bits(true, hi & hiMask, lo & loMask);
        }

        /** Unsigned order within one family (IPv4 sorts before IPv6). */
        public int compareTo(Bits o) {
            if (v6 != o.v6) {
                return v6 ? 1 : -1;
            }
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }
    }

    /** The bits of an IPv4 or IPv6 literal, or null when {@code text} is not one (no DNS, ever). */
    public static Bits bits(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            int[] o = parseIpv4(s);
            return o == null ? null : new Bits(false, 0, ((long) o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]);
        }
        int[] g = parseIpv6(s);
        if (g == null) {
            return null;
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return new Bits(false, 0, ((long) g[6] << 16) | g[7]);
        }
        long hi = ((long) g[0] << 48) | ((long) g[1] << 32) | ((long) g[2] << 16) | g[3];
        long lo = ((long) g[4] << 48) | ((long) g[5] << 32) | ((long) g[6] << 16) | g[7];
        return new Bits(true, hi, lo);
    }

    /** Four dot-separated numbers 0–255 without leading zeros: the form every IPv4 address is written in here. */
    static boolean canonicalIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int dots = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255 || (digits > 1 && s.charAt(i - digits) == '0')) {
                    return false;
                }
                dots++;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return dots == 4; // three separators plus the end
    }

    private static int[] parseIpv4(String s) {
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

    /** Eight 16-bit groups, or null. Accepts "::" compression and a trailing dotted IPv4 part; refuses zone ids. */
    private static int[] parseIpv6(String s) {
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

    private static String formatIpv6(int[] g) {
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
}
