package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.geo.OfflineGeo;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The enrichment hot path on one thread, with the benchmark's reference catalogue (300,000 app ranges,
 * 10,001 watch-list entries, 50,000 cells, 100,000 subscribers) and the bundled geo/ASN tables: an app
 * lookup (longest-prefix match at a time), a watch-list lookup (every block holding the address), a
 * geo/ASN lookup, and a whole session enriched. Addresses rotate over 4,096 (IPv4 and IPv6, hits and misses).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnrichmentBenchmark {
    private static final int ADDRESSES = 4096;

    private ReferenceCatalogue catalogue;
    private OfflineGeo geo;
    private String[] addresses;
    private SessionRecord[] sessions;
    private Instant at;
    private int next;

    @Setup
    public void load() {
        List<ReferenceEntry> entries = ReferenceWorkload.entries();
        catalogue = ReferenceCatalogue.of(entries);
        geo = OfflineGeo.bundled();
        Random random = new Random(7);
        addresses = new String[ADDRESSES];
        sessions = new SessionRecord[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            addresses[i] = switch (i % 4) {
                case 0 -> "11." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                case 1 -> SyntheticDelivery.destinationIp(random.nextInt(1_000_000));
                case 2 -> random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + ".7";
                default -> "2a03:2880:" + Integer.toHexString(random.nextInt(65536)) + "::" + Integer.toHexString(i);
            };
        }
        at = SyntheticDelivery.start(1000);
        for (int i = 0; i < ADDRESSES; i++) {
            sessions[i] = new SessionRecord(
                    at,
                    new SessionRecord.Event("bench-" + i, at, null, null, "generic-csv", null),
                    new SessionRecord.Source("10.1.2.3", 40000, null, 100L),
                    new SessionRecord.Destination(addresses[i], 443, 200L),
                    new SessionRecord.Network("tcp"),
                    new SessionRecord.Ipdr(
                            new SessionRecord.AParty(null, SyntheticDelivery.msisdn(i), null, null, null, null),
                            new SessionRecord.Cell("40445-" + i, null, null),
                            null,
                            "bench",
                            "inbox",
                            "generic-csv@1",
                            null,
                            null,
                            null,
                            null),
                    null,
                    null);
        }
    }

    private int nextIndex() {
        next = (next + 1) & (ADDRESSES - 1);
        return next;
    }

    @Benchmark
    public ReferenceEntry appRange() {
        return catalogue.app(addresses[nextIndex()], at);
    }

    @Benchmark
    public List<ReferenceEntry> watchList() {
        return catalogue.watchHits(addresses[nextIndex()], at);
    }

    @Benchmark
    public OfflineGeo.Place geoAndAs() {
        return geo.lookup(addresses[nextIndex()]);
    }

    @Benchmark
    public SessionRecord wholeSession() {
        return SessionEnrichment.enrich(sessions[nextIndex()], catalogue, geo);
    }
}
