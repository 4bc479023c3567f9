package io.flowanalyzer.model.reference;

import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the reference data: the subscriber directory, app ranges and watch lists
 * (longest-prefix match at a session's own time) and cell towers. Entries that are unusable are left
 * out and counted, never half-applied.
 */
public final class ReferenceCatalogue {
    public static final ReferenceCatalogue EMPTY = of(List.of());

    /** Of several app entries for one block at one time, the newest period wins, then the key. */
    private static final Comparator<PrefixTable.Entry<ReferenceEntry>> NEWEST_FIRST = Comparator.comparing(
                    (PrefixTable.Entry<ReferenceEntry> e) -> e.validFrom(),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(e -> e.value().key());

    private final PrefixTable<ReferenceEntry> apps;
    private final PrefixTable<ReferenceEntry> watch;
    private final Map<String, ReferenceEntry> cells;
    /** The directory by subscriber id, MSISDN, IMSI and IMEI, in that order of preference. */
    private final List<Map<String, ReferenceEntry>> subscribers;

    private final int unusable;

    private ReferenceCatalogue(
            PrefixTable<ReferenceEntry> apps,
            PrefixTable<ReferenceEntry> watch,
            Map<String, ReferenceEntry> cells,
            List<Map<String, ReferenceEntry>> subscribers,
            int unusable) {
        this.apps = apps;
        this.watch = watch;
        this.cells = cells;
        this.subscribers = subscribers;
        this.unusable = unusable;
    }

    public static ReferenceCatalogue of(Collection<ReferenceEntry> entries) {
        List<PrefixTable.Entry<ReferenceEntry>> apps = new ArrayList<>();
        List<PrefixTable.Entry<ReferenceEntry>> watch = new ArrayList<>();
        Map<String, ReferenceEntry> cells = new HashMap<>();
        List<Map<String, ReferenceEntry>> subscribers =
                List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        int unusable = 0;
        // in key order, so that which of two clashing directory rows wins never depends on arrival
        List<ReferenceEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ReferenceEntry::key, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (ReferenceEntry e : sorted) {
            if (e == null || e.problem() != null) {
                unusable++;
                continue;
            }
            switch (e.kind()) {
                case ReferenceEntry.APP -> apps.add(
                        new PrefixTable.Entry<>(Cidr.parse(e.cidr()), e, e.validFrom(), e.validTo()));
                case ReferenceEntry.WATCH -> watch.add(
                        new PrefixTable.Entry<>(Cidr.parse(e.cidr()), e, e.validFrom(), e.validTo()));
                case ReferenceEntry.CELL -> cells.put(ReferenceEntry.cellKey(e.cellId()), e);
                case ReferenceEntry.SUBSCRIBER -> {
                    putIfAbsent(subscribers.get(0), e.subscriberId(), e);
                    putIfAbsent(subscribers.get(1), e.msisdn(), e);
                    putIfAbsent(subscribers.get(2), e.imsi(), e);
                    putIfAbsent(subscribers.get(3), e.imei(), e);
                }
                default -> unusable++;
            }
        }
        return new ReferenceCatalogue(PrefixTable.of(apps), PrefixTable.of(watch), cells, subscribers, unusable);
    }

    private static void putIfAbsent(Map<String, ReferenceEntry> map, String id, ReferenceEntry e) {
        if (id != null) {
            map.putIfAbsent(id, e);
        }
    }

    /** The app range holding {@code ip} that was valid at {@code at}, the most specific one; null when none. */
    public ReferenceEntry app(String ip, Instant at) {
        return app(IpAddresses.bits(ip), at);
    }

    /** {@link #app(String, Instant)} for an address already parsed. */
    public ReferenceEntry app(IpAddresses.Bits bits, Instant at) {
        if (bits == null || at == null) {
            return null;
        }
        List<PrefixTable.Entry<ReferenceEntry>> found = apps.longest(bits, at);
        if (found.size() <= 1) {
            return found.isEmpty() ? null : found.get(0).value(); // most blocks hold one range
        }
        return found.stream().min(NEWEST_FIRST).orElseThrow().value();
    }

    /** Every watch-list entry holding {@code ip} at {@code at}, most specific block first. */
    public List<ReferenceEntry> watchHits(String ip, Instant at) {
        return watchHits(IpAddresses.bits(ip), at);
    }

    /** {@link #watchHits(String, Instant)} for an address already parsed. */
    public List<ReferenceEntry> watchHits(IpAddresses.Bits bits, Instant at) {
        if (bits == null || at == null) {
            return List.of();
        }
        List<PrefixTable.Entry<ReferenceEntry>> found = watch.all(bits, at);
        if (found.isEmpty()) {
            return List.of(); // most sessions: no stream made for nothing
        }
        return found.stream().map(PrefixTable.Entry::value).toList();
    }

    /** The tower with this cell id, or null. */
    public ReferenceEntry cell(String cellId) {
        return cellId == null ? null : cells.get(ReferenceEntry.cellKey(cellId));
    }

    /** The directory entry for the person an A-party names (by subscriber id, MSISDN, IMSI, IMEI), or null. */
    public ReferenceEntry subscriber(SessionRecord.AParty party) {
        if (party == null) {
            return null;
        }
        ReferenceEntry e = find(0, party.subscriberId());
        e = e != null ? e : find(1, party.msisdn());
        e = e != null ? e : find(2, party.imsi());
        return e != null ? e : find(3, party.imei());
    }

    private ReferenceEntry find(int identifier, String id) {
        return id == null ? null : subscribers.get(identifier).get(id);
    }

    public int apps() {
        return apps.size();
    }

    public int watchEntries() {
        return watch.size();
    }

    public int cells() {
        return cells.size();
    }

    /** Entries left out because they could not be used. */
    public int unusable() {
        return unusable;
    }
}
