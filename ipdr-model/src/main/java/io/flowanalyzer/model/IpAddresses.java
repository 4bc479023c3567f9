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
        long bits = dottedQuad(s, 0, false);
        return bits < 0 ? Optional.empty() : Optional.of(formatIpv4(bits));
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
            return new Bits(v6, maskedHi(prefix), maskedLo(prefix));
        }

        /** {@link #masked}'s high half, without making the address (lookups probe every prefix length). */
        public long maskedHi(int prefix) {
            return !v6 ? 0 : hi & (prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix));
        }

        /** {@link #masked}'s low half, without making the address. */
        public long maskedLo(int prefix) {
            if (!v6) {
                return prefix == 0 ? 0 : lo & (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            }
            return lo & (prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix));
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
            long bits = dottedQuad(s, 0, false);
            return bits < 0 ? null : new Bits(false, 0, bits);
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
        return n >= 7 && n <= 15 && dottedQuad(s, 0, true) >= 0;
    }

    /** Four decimal octets of one to three digits each (leading zeros allowed), or null: the octets the tests compare with the reader that split at the dots. */
    static int[] parseIpv4(String s) {
        long bits = dottedQuad(s, 0, false);
        return bits < 0
                ? null
                : new int[] {
                    (int) (bits >>> 24), (int) (bits >>> 16) & 0xff, (int) (bits >>> 8) & 0xff, (int) bits & 0xff
                };
    }

    /**
     * The 32 bits of four dot-separated decimal numbers 0–255, one to three digits each, from {@code from} to the
     * end of {@code s}; -1 when they are not that. {@code canonical}: without leading zeros too. One pass, no split.
     */
    private static long dottedQuad(String s, int from, boolean canonical) {
        int n = s.length();
        long bits = 0;
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i <= n; i++) {
            char c = i == n ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0
                        || value > 255
                        || parts == 4
                        || canonical && digits > 1 && s.charAt(i - digits) == '0') {
                    return -1;
                }
                bits = (bits << 8) | value;
                parts++;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && ++digits <= 3) {
                value = value * 10 + (c - '0');
            } else {
                return -1;
            }
        }
        return parts == 4 ? bits : -1;
    }

    private static String formatIpv4(long bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    /** Eight 16-bit groups, or null. Accepts "::" compression and a trailing dotted IPv4 part; refuses zone ids. */
    static int[] parseIpv6(String s) {
        // one pass over the text (a split per address was most of reading one); what it accepts is what
        // splitting at the colons accepted, the reference in the tests
        int n = s.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // where "::" stands, in groups
        int i = 0;
        if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            gap = 0;
            i = 2;
        }
        while (i < n) {
            int start = i;
            int v = 0;
            int d;
            while (i < n && i - start < 5 && (d = Character.digit(s.charAt(i), 16)) >= 0) {
                v = (v << 4) | d;
                i++;
            }
            if (i < n && s.charAt(i) == '.') { // the last 32 bits written as IPv4
                if (count > 6) {
                    return null;
                }
                long tail = dottedQuad(s, start, false);
                if (tail < 0) {
                    return null;
                }
                groups[count++] = (int) (tail >>> 16);
                groups[count++] = (int) tail & 0xffff;
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                return null;
            }
            groups[count++] = v;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':' || ++i == n) {
                return null; // not a separator, or a single colon at the end
            }
            if (s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            }
        }
        if (gap < 0) {
            return count == 8 ? groups : null;
        }
        if (count > 7) {
            return null;
        }
        int right = count - gap; // the groups after "::" go to the end
        System.arraycopy(groups, gap, groups, 8 - right, right);
        java.util.Arrays.fill(groups, gap, 8 - right, 0);
        return groups;
    }

    static String formatIpv6(int[] g) {
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        if (mapped) {
            return formatIpv4(((long) g[6] << 16) | g[7]);
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
        byte[] text = new byte[39];
        int at = 0;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text[at++] = ':';
                text[at++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (at > 0 && text[at - 1] != ':') {
                text[at++] = ':';
            }
            int v = g[i];
            for (int shift = v > 0xfff ? 12 : v > 0xff ? 8 : v > 0xf ? 4 : 0; shift >= 0; shift -= 4) {
                text[at++] = HEX[(v >> shift) & 0xf]; // as Integer.toHexString writes it: lower case, no leading zeros
            }
        }
        return new String(text, 0, at, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
}
