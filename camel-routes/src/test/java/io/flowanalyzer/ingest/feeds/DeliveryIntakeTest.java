package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryIntakeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);

    /** Keeps what a delivery published, in order, like the Kafka topics would. */
    static final class Published implements DeliveryPublisher {
        final List<SessionRecord> records = new ArrayList<>();
        final List<Reject> rejects = new ArrayList<>();
        final List<Delivery> custody = new ArrayList<>();
        int flushes;

        @Override
        public void record(SessionRecord record) {
            records.add(record);
        }

        @Override
        public void reject(Reject reject) {
            rejects.add(reject);
        }

        @Override
        public void custody(Delivery delivery) {
            custody.add(delivery);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(Objects.requireNonNull(DeliveryIntakeTest.class.getResource("/deliveries/" + name))
                .toURI());
    }

    @Test
    void readsARealisticDeliveryLineByLineAndAccountsForEveryLine() throws Exception {
        Published out = new Published();
        DeliveryIntake.Outcome outcome = new DeliveryIntake(out, CLOCK)
                .read(fixture("semicolon-ist.csv"), "jio", "inbox", "semicolon-ist.csv", ZoneId.of("Asia/Kolkata"));

        Delivery d = outcome.delivery();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.lines()).isEqualTo(6);
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(d.rejected()).isEqualTo(4);
        assertThat(d.accepted() + d.rejected()).isEqualTo(d.lines());
        assertThat(d.sha256())
                .isEqualTo(io.flowanalyzer.ingest.custody.DeliveryCustody.of(fixture("semicolon-ist.csv"))
                        .sha256());
        assertThat(out.custody).containsExactly(d);
        assertThat(out.flushes).isEqualTo(1);

        SessionRecord first = out.records.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(first.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(first.destination().ip()).isEqualTo("2409:4042::1");
        assertThat(first.network().transport()).isEqualTo("tcp");
        assertThat(first.ipdr().delivery().line()).isEqualTo(2L);
        assertThat(out.records.get(1).timestamp()).isEqualTo(Instant.parse("2024-03-01T04:46:00Z"));
        assertThat(out.records.get(1).ipdr().delivery().line()).isEqualTo(4L);

        assertThat(out.rejects).extracting(Reject::line).containsExactly(5L, 6L, 7L, 8L);
        assertThat(out.rejects.get(0).reason()).startsWith("start_time '9.19834E+11 is no time' is not a time");
        assertThat(out.rejects.get(1).reason())
                .isEqualTo("msisdn '9.19834E+11' is in spreadsheet scientific notation, so its last digits are lost");
        assertThat(out.rejects.get(2).reason()).isEqualTo("private_port '70000' is not a port number (0-65535)");
        assertThat(out.rejects.get(3).raw()).isEqualTo("Total Records : 5");
        assertThat(out.rejects.get(3).ipdr().delivery().id()).isEqualTo(d.id());
        assertThat(out.rejects.get(3).log().file().path()).isEqualTo("semicolon-ist.csv");
    }

    @Test
    void theSameBytesGiveTheSameIdsWhateverTheFileName(@TempDir Path dir) throws Exception {
        Path a = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("a.csv"));
        Path b = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("b.csv"));
        Published first = new Published();
        Published second = new Published();
        new DeliveryIntake(first, CLOCK).read(a, "jio", "inbox", "a.csv", ZoneOffset.UTC);
        new DeliveryIntake(second, CLOCK).read(b, "jio", "inbox", "b.csv", ZoneOffset.UTC);
        assertThat(second.records)
                .extracting(SessionRecord::id)
                .isEqualTo(first.records.stream().map(SessionRecord::id).toList());
        assertThat(second.rejects)
                .extracting(Reject::id)
                .isEqualTo(first.rejects.stream().map(Reject::id).toList());
    }

    @Test
    void quarantinesAFileWithoutAUsableHeader(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report.csv"), "Dynamic IPDR\nInput Value,9876543210\n");
        Published out = new Published();
        DeliveryIntake.Outcome outcome =
                new DeliveryIntake(out, CLOCK).read(file, "vi", "inbox", "report.csv", ZoneOffset.UTC);
        assertThat(outcome.quarantined()).isTrue();
        assertThat(outcome.delivery().reason())
                .startsWith("the first line is not a generic CSV header with a start_time column");
        assertThat(out.records).isEmpty();
        assertThat(out.rejects).singleElement().satisfies(r -> {
            assertThat(r.line()).isZero();
            assertThat(r.reason()).startsWith("the file was quarantined: the first line is not a generic CSV header");
        });
    }

    @Test
    void quarantinesAnEmptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "\n\n");
        DeliveryIntake.Outcome outcome =
                new DeliveryIntake(new Published(), CLOCK).read(file, "vi", "inbox", "empty.csv", ZoneOffset.UTC);
        assertThat(outcome.quarantined()).isTrue();
        assertThat(outcome.delivery().reason()).isEqualTo("the file is empty");
    }
}
