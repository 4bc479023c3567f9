package io.flowanalyzer.geo;

import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.SessionRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tukaani.xz.XZInputStream;

/**
 * Where an IP address is registered (country) and which autonomous system announces it, from freely
 * licensed tables bundled with the product (see this module's README): nothing is asked of the network.
 * Country-level only: {@code location} is the country's representative point, not the address's place.
 * Loaded once per JVM ({@link #bundled()}, about a second); lookups are binary searches over sorted ranges.
 */
public final class OfflineGeo {
    private static final String BASE = "/io/flowanalyzer/geo/";

    /** What the tables say of one address; any part may be null. */
    public record Place(
            Long asn, String organization, String countryIsoCode, String countryName, Double lat, Double lon) {
        public SessionRecord.Geo geo() {
            if (countryIsoCode == null) {
                return null;
            }
            return new SessionRecord.Geo(
                    lat == null ? null : new SessionRecord.GeoPoint(lat, lon), countryIsoCode, countryName);
        }

        public SessionRecord.As as() {
            return asn == null
                    ? null
                    : new SessionRecord.As(
                            asn, organization == null ? null : new SessionRecord.Organization(organization));
        }
    }

    private record Country(String name, double lat, double lon) {}

    private final Ranges asnV4;
    private final Ranges asnV6;
    private final Ranges countryV4;
    private final Ranges countryV6;
    private final Map<Integer, String> asnNames;
    private final List<String> countryCodes;
    private final Map<String, Country> countries;

    private OfflineGeo(
            Ranges asnV4,
            Ranges asnV6,
            Ranges countryV4,
            Ranges countryV6,
            Map<Integer, String> asnNames,
            List<String> countryCodes,
            Map<String, Country> countries) {
        this.asnV4 = asnV4;
        this.asnV6 = asnV6;
        this.countryV4 = countryV4;
        this.countryV6 = countryV6;
        this.asnNames = asnNames;
        this.countryCodes = countryCodes;
        this.countries = countries;
    }

    private static final class Holder {
        static final OfflineGeo BUNDLED = load();
    }

    /** The tables shipped in this jar, read on first use and shared by every caller in the JVM. */
    public static OfflineGeo bundled() {
        return Holder.BUNDLED;
    }

    private static OfflineGeo load() {
        try {
            Map<String, Country> countries = new HashMap<>();
            try (BufferedReader r = reader("countries.tsv", false)) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split("\t", -1);
                    countries.put(f[0], new Country(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
                }
            }
            Map<Integer, String> asnNames = new HashMap<>();
            try (BufferedReader r = reader("asn-names.tsv.xz", true)) {
                for (String line; (line = r.readLine()) != null; ) {
                    int tab = line.indexOf('\t');
                    asnNames.put(Integer.parseUnsignedInt(line.substring(0, tab)), line.substring(tab + 1));
                }
            }
            List<String> codes = new ArrayList<>();
            Map<String, Integer> codeIndex = new HashMap<>();
            ValueReader asn = Integer::parseUnsignedInt;
            ValueReader country = text -> codeIndex.computeIfAbsent(text, c -> {
                codes.add(c);
                return codes.size() - 1;
            });
            return new OfflineGeo(
                    Ranges.read(reader("asn-ipv4.tsv.xz", true), false, asn),
                    Ranges.read(reader("asn-ipv6.tsv.xz", true), true, asn),
                    Ranges.read(reader("country-ipv4.tsv.xz", true), false, country),
                    Ranges.read(reader("country-ipv6.tsv.xz", true), true, country),
                    asnNames,
                    List.copyOf(codes),
                    countries);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled geo/ASN tables cannot be read", e);
        }
    }

    private static BufferedReader reader(String name, boolean xz) throws IOException {
        InputStream in = OfflineGeo.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IOException("the geo/ASN table " + name + " is missing from the classpath");
        }
        return new BufferedReader(
                new InputStreamReader(xz ? new XZInputStream(in) : in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The country and AS of {@code ip}; null for anything that is not a public address literal
     * (private, CGNAT, loopback and link-local addresses are nowhere, and are not looked up).
     */
    public Place lookup(String ip) {
        return lookup(IpAddresses.bits(ip));
    }

    /** {@link #lookup(String)} for an address already parsed. */
    public Place lookup(IpAddresses.Bits bits) {
        if (bits == null || !isPublic(bits)) {
            return null;
        }
        int asn = (bits.v6() ? asnV6 : asnV4).find(bits);
        int country = (bits.v6() ? countryV6 : countryV4).find(bits);
        if (asn < 0 && country < 0) {
            return null;
        }
        String code = country < 0 ? null : countryCodes.get(country);
        Country c = code == null ? null : countries.get(code);
        return new Place(
                asn < 0 ? null : Integer.toUnsignedLong(asn),
                asn < 0 ? null : asnNames.get(asn),
                code,
                c == null ? null : c.name(),
                c == null ? null : c.lat(),
                c == null ? null : c.lon());
    }

    /** Addresses that are never anyone's on the Internet, so never located. */
    static boolean isPublic(IpAddresses.Bits b) {
        if (!b.v6()) {
            long a = b.lo();
            int first = (int) (a >>> 24);
            int second = (int) ((a >>> 16) & 0xff);
            return !(first == 0
                    || first == 10
                    || first == 127
                    || first >= 224
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 169 && second == 254)
                    || (first == 172 && second >= 16 && second < 32)
                    || (first == 192 && second == 168));
        }
        int top = (int) (b.hi() >>> 48);
        return (top & 0xe000) == 0x2000; // global unicast 2000::/3; ULA, link-local, multicast are not
    }

    /** Number of ranges in each table, for the startup log. */
    public String summary() {
        return asnV4.size() + asnV6.size() + " AS ranges, " + (countryV4.size() + countryV6.size())
                + " country ranges, " + countries.size() + " countries";
    }

    @FunctionalInterface
    interface ValueReader {
        int read(String text);
    }

    /**
     * Sorted, non-overlapping inclusive ranges with an int value each, in parallel arrays (a few MB for
     * the IPv4 tables). Rows are delta-encoded: hex gap after the previous range, hex size − 1, value.
     */
    static final class Ranges {
        private final long[] startHi;
        private final long[] startLo;
        private final long[] endHi;
        private final long[] endLo;
        private final int[] values;
        private final int size;
        /**
         * For each value of an address's top 16 bits, the first range that starts at or above that /16 (IPv4)
         * or /16 of the IPv6 space: a lookup searches only the ranges starting in its own /16, a few steps over
         * a few cache lines, instead of twenty over the whole table.
         */
        private final int[] firstAt = new int[(1 << 16) + 1];

        private Ranges(long[] startHi, long[] startLo, long[] endHi, long[] endLo, int[] values, int size) {
            this.startHi = startHi;
            this.startLo = startLo;
            this.endHi = endHi;
            this.endLo = endLo;
            this.values = values;
            this.size = size;
            int i = 0;
            for (int top = 0; top <= 1 << 16; top++) {
                while (i < size && top16(startHi == null ? 0 : startHi[i], startLo[i]) < top) {
                    i++;
                }
                firstAt[top] = i;
            }
        }

        /** The top 16 bits of an address: of the 32 of IPv4 (hi is 0), of the 128 of IPv6. */
        private int top16(long hi, long lo) {
            return startHi == null ? (int) (lo >>> 16) & 0xffff : (int) (hi >>> 48);
        }

        static Ranges read(BufferedReader reader, boolean v6, ValueReader valueReader) throws IOException {
            int capacity = 1 << 16;
            long[] sHi = v6 ? new long[capacity] : null;
            long[] sLo = new long[capacity];
            long[] eHi = v6 ? new long[capacity] : null;
            long[] eLo = new long[capacity];
            int[] values = new int[capacity];
            int n = 0;
            long prevHi = -1; // the previous range's end, 128 bits; −1 so that the first gap counts from zero
            long prevLo = -1;
            try (reader) {
                for (String line; (line = reader.readLine()) != null; ) {
                    int t1 = line.indexOf('\t');
                    int t2 = line.indexOf('\t', t1 + 1);
                    if (n == sLo.length) {
                        capacity = n * 2;
                        sLo = java.util.Arrays.copyOf(sLo, capacity);
                        eLo = java.util.Arrays.copyOf(eLo, capacity);
                        values = java.util.Arrays.copyOf(values, capacity);
                        if (v6) {
                            sHi = java.util.Arrays.copyOf(sHi, capacity);
                            eHi = java.util.Arrays.copyOf(eHi, capacity);
                        }
                    }
                    long[] gap = hex128(line, 0, t1);
                    long[] length = hex128(line, t1 + 1, t2);
                    // start = previous end + 1 + gap; end = start + (size − 1)
                    long[] start = add(add(new long[] {prevHi, prevLo}, new long[] {0, 1}), gap);
                    long[] end = add(start, length);
                    if (v6) {
                        sHi[n] = start[0];
                        eHi[n] = end[0];
                    }
                    sLo[n] = start[1];
                    eLo[n] = end[1];
                    values[n] = valueReader.read(line.substring(t2 + 1));
                    prevHi = end[0];
                    prevLo = end[1];
                    n++;
                }
            }
            return new Ranges(sHi, sLo, eHi, eLo, values, n);
        }

        private static long[] hex128(String s, int from, int to) {
            int split = Math.max(from, to - 16);
            long lo = split < to ? Long.parseUnsignedLong(s, split, to, 16) : 0;
            long hi = from < split ? Long.parseUnsignedLong(s, from, split, 16) : 0;
            return new long[] {hi, lo};
        }

        private static long[] add(long[] a, long[] b) {
            long lo = a[1] + b[1];
            long carry = Long.compareUnsigned(lo, a[1]) < 0 ? 1 : 0;
            return new long[] {a[0] + b[0] + carry, lo};
        }

        /** The value of the range holding {@code b}, or −1. */
        int find(IpAddresses.Bits b) {
            int top = top16(b.v6() ? b.hi() : 0, b.lo());
            int lo = firstAt[top];
            int hi = firstAt[top + 1] - 1;
            int found = lo - 1; // the last range starting before this /16, unless one in it starts at or before b
            while (lo <= hi) { // the last range starting at or before b
                int mid = (lo + hi) >>> 1;
                if (compare(startHi == null ? 0 : startHi[mid], startLo[mid], b) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0 || compare(endHi == null ? 0 : endHi[found], endLo[found], b) < 0) {
                return -1;
            }
            return values[found];
        }

        private static int compare(long hi, long lo, IpAddresses.Bits b) {
            int c = Long.compareUnsigned(hi, b.v6() ? b.hi() : 0);
            return c != 0 ? c : Long.compareUnsigned(lo, b.lo());
        }

        int size() {
            return size;
        }
    }
}
