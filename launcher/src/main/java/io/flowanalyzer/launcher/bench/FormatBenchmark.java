package io.flowanalyzer.launcher.bench;

import io.flowanalyzer.ingest.feeds.DeliveryIntake;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse + normalise step of each format on one thread: a whole delivery read from disk (page
 * cache), hashed for custody, split, checked, normalised into records and serialised to the JSON that
 * goes to Kafka — everything the ingest route does but the Kafka send. {@link FormatBenchmarks} turns
 * the times into MB/s and records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FormatBenchmark {
    @Param({"generic-csv"})
    public String format;

    @Param({"20000000"})
    public long bytes;

    /** Whether records are serialised to their Kafka JSON too (the route does), or only made. */
    @Param({"true"})
    public boolean json;

    private Path file;
    private DeliveryIntake intake;
    private Blackhole sink;

    @Setup(Level.Trial)
    public void write(Blackhole blackhole) throws IOException {
        file = Files.createTempFile("flowanalyzer-bench-" + format + "-", ".data");
        FormatSamples.write(format, file, bytes);
        sink = blackhole;
        intake = new DeliveryIntake(serialising(), FormatProfiles.builtIn(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Delivery read() throws IOException {
        Delivery d = intake.read(
                        file, new DeliveryIntake.Source("bench", "bench", "bench.data", format, ZoneOffset.UTC))
                .delivery();
        if (d.rejected() != 0 || !Delivery.COMPLETE.equals(d.status())) {
            throw new IllegalStateException("the " + format + " sample was not read cleanly: " + d);
        }
        return d;
    }

    /** Serialises what the route would send, so that the JSON encoding is measured too. */
    private DeliveryPublisher serialising() {
        return new DeliveryPublisher() {
            @Override
            public void record(SessionRecord record) {
                sink.consume(json ? RecordJson.toBytes(record) : record);
            }

            @Override
            public void binding(NatBinding binding) {
                sink.consume(json ? RecordJson.toBytes(binding) : binding);
            }

            @Override
            public void reject(Reject reject) {
                sink.consume(RecordJson.toBytes(reject));
            }

            @Override
            public void custody(Delivery delivery) {
                sink.consume(delivery);
            }

            @Override
            public void reference(io.flowanalyzer.model.reference.ReferenceEntry entry) {
                sink.consume(entry);
            }

            @Override
            public void referenceRemoved(String key) {
                sink.consume(key);
            }

            @Override
            public void flush() {}
        };
    }
}
