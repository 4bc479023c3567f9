package io.flowanalyzer.model.reference;

import io.flowanalyzer.model.IpAddresses;

/**
 * An address block: a base address and a prefix length. A bare address is a block of one (/32, /128);
 * host bits after the prefix are cleared, as lists often write {@code 203.0.113.7/24} for the /24.
 */
public record Cidr(IpAddresses.Bits base, int prefix) {
    public Cidr {
        base = base.masked(prefix);
    }

    /** The block {@code text} names, or null when it is not an address or address/prefix. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        IpAddresses.Bits bits = IpAddresses.bits(slash < 0 ? s : s.substring(0, slash));
        if (bits == null) {
            return null;
        }
        if (slash < 0) {
            return new Cidr(bits, bits.width());
        }
        String length = s.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(length);
        if (!bits.v6() && s.indexOf(':') >= 0) {
            // an IPv4-mapped IPv6 block (::ffff:a.b.c.d/120) is the IPv4 block it maps
            prefix -= 96;
        }
        return prefix < 0 || prefix > bits.width() ? null : new Cidr(bits, prefix);
    }

    public boolean contains(IpAddresses.Bits address) {
        return address.v6() == base.v6() && address.masked(prefix).equals(base);
    }

    @Override
    public String toString() {
        String address = base.v6()
                ? IpAddresses.normalise(v6Text()).orElseThrow()
                : ((base.lo() >>> 24) & 0xff) + "." + ((base.lo() >>> 16) & 0xff) + "." + ((base.lo() >>> 8) & 0xff)
                        + "." + (base.lo() & 0xff);
        return address + "/" + prefix;
    }

    private String v6Text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? base.hi() : base.lo();
            int group = (int) ((word >>> (48 - 16 * (i % 4))) & 0xffff);
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group));
        }
        return sb.toString();
    }
}
