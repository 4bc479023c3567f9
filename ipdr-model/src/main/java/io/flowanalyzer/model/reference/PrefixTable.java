package io.flowanalyzer.model.reference;

import io.flowanalyzer.model.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Address blocks with values and validity periods, for longest-prefix match at a point in time. One
 * hash table per prefix length present, probed from the longest length down: a lookup costs at most
 * one probe per distinct length (≤ 33 for IPv4, ≤ 129 for IPv6), however many blocks there are.
 *
 * @param <T> what a block stands for (an app range, a watch-list entry)
 */
public final class PrefixTable<T> {
    /** One block's value and the half-open time interval it is valid in (null ends are open). */
    public record Entry<T>(Cidr cidr, T value, Instant validFrom, Instant validTo) {
        public boolean validAt(Instant t) {
            return (validFrom == null || !t.isBefore(validFrom)) && (validTo == null || t.isBefore(validTo));
        }
    }

    private record Key(long hi, long lo, int prefix) {
        /**
         * Mixed (splitmix64's finaliser): the record's own hash of a masked address keeps its zero low bits, so
         * blocks of one length crowded into a few buckets of the table — 300,000 /24 ranges put 54,000 of them in
         * buckets of 8 or more, trees Java searches on every lookup.
         */
        @Override
        public int hashCode() {
            long h = (hi * 0x9E3779B97F4A7C15L + lo) * 0xBF58476D1CE4E5B9L + prefix;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
            return (int) h;
        }
    }

    private final Map<Key, List<Entry<T>>> blocks;
    private final int[] v4Lengths;
    private final int[] v6Lengths;
    private final int size;

    private PrefixTable(Map<Key, List<Entry<T>>> blocks, int[] v4Lengths, int[] v6Lengths, int size) {
        this.blocks = blocks;
        this.v4Lengths = v4Lengths;
        this.v6Lengths = v6Lengths;
        this.size = size;
    }

    public static <T> PrefixTable<T> of(Iterable<Entry<T>> entries) {
        Map<Key, List<Entry<T>>> blocks = new HashMap<>();
        TreeSet<Integer> v4 = new TreeSet<>();
        TreeSet<Integer> v6 = new TreeSet<>();
        int size = 0;
        for (Entry<T> e : entries) {
            Cidr c = e.cidr();
            blocks.computeIfAbsent(
                            new Key(c.base().hi(), c.base().lo(), prefixKey(c.base(), c.prefix())),
                            k -> new ArrayList<>(1))
                    .add(e);
            (c.base().v6() ? v6 : v4).add(c.prefix());
            size++;
        }
        return new PrefixTable<>(
                blocks,
                v4.descendingSet().stream().mapToInt(Integer::intValue).toArray(),
                v6.descendingSet().stream().mapToInt(Integer::intValue).toArray(),
                size);
    }

    /** IPv4 and IPv6 keys never meet: the family is folded into the prefix part of the key. */
    private static int prefixKey(IpAddresses.Bits base, int prefix) {
        return base.v6() ? prefix + 256 : prefix;
    }

    /**
     * The entries of the most specific block that holds {@code address} and has an entry valid at
     * {@code at} (several when one block has overlapping entries); empty when none.
     */
    public List<Entry<T>> longest(IpAddresses.Bits address, Instant at) {
        for (int prefix : address.v6() ? v6Lengths : v4Lengths) {
            List<Entry<T>> valid = validIn(address, prefix, at);
            if (!valid.isEmpty()) {
                return valid;
            }
        }
        return List.of();
    }

    /** Every entry valid at {@code at} whose block holds {@code address}, most specific first. */
    public List<Entry<T>> all(IpAddresses.Bits address, Instant at) {
        List<Entry<T>> found = new ArrayList<>(0);
        for (int prefix : address.v6() ? v6Lengths : v4Lengths) {
            found.addAll(validIn(address, prefix, at));
        }
        return found;
    }

    private List<Entry<T>> validIn(IpAddresses.Bits address, int prefix, Instant at) {
        IpAddresses.Bits m = address.masked(prefix);
        List<Entry<T>> entries = blocks.get(new Key(m.hi(), m.lo(), prefixKey(m, prefix)));
        if (entries == null) {
            return List.of();
        }
        List<Entry<T>> valid = new ArrayList<>(1);
        for (Entry<T> e : entries) {
            if (e.validAt(at)) {
                valid.add(e);
            }
        }
        return valid;
    }

    public int size() {
        return size;
    }
}
