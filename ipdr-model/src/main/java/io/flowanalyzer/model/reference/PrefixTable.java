package io.flowanalyzer.model.reference;

import io.flowanalyzer.model.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Address blocks with values and validity periods, for longest-prefix match at a point in time. One
 * probe per prefix length present, from the longest down (≤ 33 for IPv4, ≤ 129 for IPv6), however many
 * blocks there are.
 *
 * <p>The blocks sit in one open-addressing table (linear probing) of parallel arrays: a probe masks the
 * address and compares numbers, where a HashMap lookup allocated a masked address and a key object and
 * hashed the key, for every length tried, for every session enriched.
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

    private final long[] his;
    private final long[] los;
    /** {@link #key} of the block in each slot; 0 marks an empty slot. */
    private final int[] keys;
    /** Each slot's entries, as an unmodifiable list. */
    private final Object[] lists;

    private final int mask;
    private final int[] v4Lengths;
    private final int[] v6Lengths;
    private final int size;

    private PrefixTable(Map<Cidr, List<Entry<T>>> blocks, int[] v4Lengths, int[] v6Lengths, int size) {
        int capacity = Integer.highestOneBit(Math.max(2, blocks.size()) * 2 - 1) << 1; // at most half full
        this.his = new long[capacity];
        this.los = new long[capacity];
        this.keys = new int[capacity];
        this.lists = new Object[capacity];
        this.mask = capacity - 1;
        blocks.forEach((cidr, entries) -> {
            IpAddresses.Bits base = cidr.base(); // masked to its prefix already
            int key = key(base.v6(), cidr.prefix());
            int i = slot(base.hi(), base.lo(), key);
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            his[i] = base.hi();
            los[i] = base.lo();
            keys[i] = key;
            lists[i] = List.copyOf(entries);
        });
        this.v4Lengths = v4Lengths;
        this.v6Lengths = v6Lengths;
        this.size = size;
    }

    public static <T> PrefixTable<T> of(Iterable<Entry<T>> entries) {
        Map<Cidr, List<Entry<T>>> blocks = new LinkedHashMap<>();
        TreeSet<Integer> v4 = new TreeSet<>();
        TreeSet<Integer> v6 = new TreeSet<>();
        int size = 0;
        for (Entry<T> e : entries) {
            Cidr c = e.cidr();
            blocks.computeIfAbsent(c, k -> new ArrayList<>(1)).add(e);
            (c.base().v6() ? v6 : v4).add(c.prefix());
            size++;
        }
        return new PrefixTable<>(
                blocks,
                v4.descendingSet().stream().mapToInt(Integer::intValue).toArray(),
                v6.descendingSet().stream().mapToInt(Integer::intValue).toArray(),
                size);
    }

    /** The family and prefix length of a block, never 0: IPv4 and IPv6 blocks never meet. */
    private static int key(boolean v6, int prefix) {
        return (v6 ? 256 : 0) + prefix + 1;
    }

    /**
     * Mixed (splitmix64's finaliser): a masked address keeps its zero low bits, so without mixing the blocks of
     * one length would crowd into few slots.
     */
    private int slot(long hi, long lo, int key) {
        long h = (hi * 0x9E3779B97F4A7C15L + lo) * 0xBF58476D1CE4E5B9L + key;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h & mask;
    }

    /** The entries of the block of {@code prefix} bits that holds the address; null when there is none. */
    @SuppressWarnings("unchecked")
    private List<Entry<T>> block(IpAddresses.Bits address, int prefix) {
        long hi = address.maskedHi(prefix);
        long lo = address.maskedLo(prefix);
        int key = key(address.v6(), prefix);
        for (int i = slot(hi, lo, key); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == 0) {
                return null;
            }
            if (k == key && his[i] == hi && los[i] == lo) {
                return (List<Entry<T>>) lists[i];
            }
        }
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
        List<Entry<T>> found = List.of();
        boolean copied = false;
        for (int prefix : address.v6() ? v6Lengths : v4Lengths) {
            List<Entry<T>> valid = validIn(address, prefix, at);
            if (valid.isEmpty()) {
                continue;
            }
            if (found.isEmpty()) {
                found = valid; // mostly one block holds it: its list as it is
            } else {
                if (!copied) {
                    found = new ArrayList<>(found);
                    copied = true;
                }
                found.addAll(valid);
            }
        }
        return found;
    }

    /** The block's entries valid at {@code at}: its own unmodifiable list when all are. */
    private List<Entry<T>> validIn(IpAddresses.Bits address, int prefix, Instant at) {
        List<Entry<T>> entries = block(address, prefix);
        if (entries == null) {
            return List.of();
        }
        int valid = 0;
        for (Entry<T> e : entries) {
            if (e.validAt(at)) {
                valid++;
            }
        }
        if (valid == entries.size()) {
            return entries;
        }
        List<Entry<T>> some = new ArrayList<>(valid);
        for (Entry<T> e : entries) {
            if (e.validAt(at)) {
                some.add(e);
            }
        }
        return some;
    }

    public int size() {
        return size;
    }
}
