package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.custody.DeliveryCustody;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedDeliveriesTest {
    private static final Clock CLOCK = Fixtures.CLOCK;
    private static final FormatProfiles PROFILES = FormatProfiles.builtIn();

    @TempDir
    Path dir;

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Fixtures.delivery(name));
    }

    private Path gzip(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    private List<DeliveryIntake.Outcome> read(Path file, DeliveryIntake.Limits limits, CollectingPublisher out)
            throws Exception {
        return new DeliveryIntake(out, PROFILES, CLOCK, limits)
                .readAll(
                        file,
                        new DeliveryIntake.Source(
                                "jio", "inbox", file.getFileName().toString(), null, null));
    }

    @Test
    void readsAGzipDeliveryAsAStreamWithCustodyOfTheDeliveredBytes() throws Exception {
        Path file = gzip("report.csv.gz", fixture("jio-dot-ipdr.csv"));
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = read(file, DeliveryIntake.Limits.DEFAULT, out).get(0).delivery();
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(d.rejected()).isEqualTo(4);
        assertThat(d.sha256()).isEqualTo(DeliveryCustody.of(file).sha256());
        assertThat(out.records.get(0).log().file().path()).isEqualTo("report.csv.gz");
    }

    @Test
    void readsEveryFileOfAZipArchiveAsItsOwnDelivery() throws Exception {
        Path file = dir.resolve("march.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("jio/jio-dot-ipdr.csv"));
            zip.write(fixture("jio-dot-ipdr.csv"));
            zip.putNextEntry(new ZipEntry("vi.txt"));
            zip.write(fixture("vi-underscore-ipdr.txt"));
            zip.putNextEntry(new ZipEntry("empty-folder/"));
        }
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = read(file, DeliveryIntake.Limits.DEFAULT, out);
        assertThat(outcomes)
                .extracting(o -> o.delivery().fileName())
                .containsExactly("march.zip!/jio/jio-dot-ipdr.csv", "march.zip!/vi.txt");
        assertThat(outcomes)
                .extracting(o -> o.delivery().profile())
                .containsExactly("in-dot-ipdr", "in-underscore-ipdr");
        assertThat(outcomes.get(1).delivery().sha256())
                .isEqualTo(DeliveryCustody.of(new java.io.ByteArrayInputStream(fixture("vi-underscore-ipdr.txt")))
                        .sha256());
        assertThat(out.records).hasSize(4);
        assertThat(outcomes.get(0).delivery().id())
                .isNotEqualTo(outcomes.get(1).delivery().id());
    }

    @Test
    void readsEveryFileOfA7zArchiveAsItsOwnDeliveryWhateverItsFormat() throws Exception {
        Path file = dir.resolve("week.7z");
        try (SevenZOutputFile archive = new SevenZOutputFile(file.toFile())) {
            for (String[] entry :
                    new String[][] {{"jio/jio-dot-ipdr.csv", "jio-dot-ipdr.csv"}, {"nat/asa.log", "asa-nat.log"}}) {
                byte[] content = fixture(entry[1]);
                SevenZArchiveEntry e = new SevenZArchiveEntry();
                e.setName(entry[0]);
                e.setSize(content.length);
                archive.putArchiveEntry(e);
                archive.write(content);
                archive.closeArchiveEntry();
            }
        }
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = read(file, DeliveryIntake.Limits.DEFAULT, out);

        assertThat(outcomes)
                .extracting(o -> o.delivery().fileName(), o -> o.delivery().profile(), o -> o.delivery()
                        .status())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "week.7z!/jio/jio-dot-ipdr.csv", "in-dot-ipdr", Delivery.COMPLETE),
                        org.assertj.core.groups.Tuple.tuple(
                                "week.7z!/nat/asa.log", "cisco-asa-nat", Delivery.COMPLETE));
        assertThat(outcomes.get(1).delivery().sha256())
                .isEqualTo(DeliveryCustody.of(new java.io.ByteArrayInputStream(fixture("asa-nat.log")))
                        .sha256());
        assertThat(out.records).hasSize(2);
        assertThat(out.bindings).hasSize(4);

        // the same archive with a lower expansion limit: each entry stops at the limit and says so
        CollectingPublisher limited = new CollectingPublisher();
        assertThat(read(file, new DeliveryIntake.Limits(300, 10), limited))
                .allSatisfy(o -> assertThat(o.delivery().reason()).contains("expands beyond the limit of 300 bytes"));

        Path broken = Files.write(
                dir.resolve("broken.7z"), new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4, 1, 2});
        Delivery d = read(broken, DeliveryIntake.Limits.DEFAULT, new CollectingPublisher())
                .get(0)
                .delivery();
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).startsWith("the 7z archive cannot be read (");
    }

    @Test
    void anArchiveEntryNamedToLeaveItsFolderIsQuarantinedAndTheOthersRead() throws Exception {
        Path file = dir.resolve("slip.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("../../etc/cron.d/evil.csv"));
            zip.write(fixture("jio-dot-ipdr.csv"));
            zip.putNextEntry(new ZipEntry("ok/vi.txt"));
            zip.write(fixture("vi-underscore-ipdr.txt"));
        }
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = read(file, DeliveryIntake.Limits.DEFAULT, out);

        assertThat(outcomes.get(0).delivery().status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(outcomes.get(0).delivery().reason())
                .isEqualTo(
                        "the archive entry's name ../../etc/cron.d/evil.csv would leave its folder; it was not read");
        assertThat(outcomes.get(1).delivery().status()).isEqualTo(Delivery.COMPLETE);
        assertThat(out.records).hasSize(2);
        assertThat(DeliveryIntake.leavesItsFolder("/etc/passwd")).isTrue();
        assertThat(DeliveryIntake.leavesItsFolder("C:/x.csv")).isTrue();
        assertThat(DeliveryIntake.leavesItsFolder("a/..b/c..d.csv")).isFalse();
    }

    @Test
    void aTruncatedGzipKeepsTheLinesBeforeTheBreakAndSaysWhyItStopped() throws Exception {
        byte[] whole = Files.readAllBytes(gzip("whole.csv.gz", fixture("jio-dot-ipdr.csv")));
        Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length - 12));
        Delivery d = read(cut, DeliveryIntake.Limits.DEFAULT, new CollectingPublisher())
                .get(0)
                .delivery();
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason())
                .isEqualTo(
                        "the compressed data ends too early (a truncated file); the lines before that point were read");
        assertThat(d.accepted() + d.rejected()).isEqualTo(d.lines());
    }

    @Test
    void stopsAnArchiveThatExpandsBeyondTheLimit() throws Exception {
        Path bomb = gzip("bomb.csv.gz", ("start_time,msisdn\n" + "2024-03-01 00:00:00,1\n".repeat(50_000)).getBytes());
        Delivery d = read(bomb, new DeliveryIntake.Limits(100_000, 10), new CollectingPublisher())
                .get(0)
                .delivery();
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason())
                .isEqualTo(
                        "the content expands beyond the limit of 100000 bytes; the lines before that point were read");
        assertThat(d.lines()).isLessThan(50_000);
    }

    @Test
    void quarantinesAnArchiveWithTooManyFilesOrThatIsNoZipAtAll() throws Exception {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 3; i++) {
                zip.putNextEntry(new ZipEntry("f" + i + ".csv"));
                zip.write("start_time\n".getBytes());
            }
        }
        assertThat(read(many, new DeliveryIntake.Limits(1 << 20, 2), new CollectingPublisher())
                        .get(0)
                        .delivery()
                        .reason())
                .isEqualTo("the zip archive holds 3 files, more than the limit of 2");
        Path broken = Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        Delivery d = read(broken, DeliveryIntake.Limits.DEFAULT, new CollectingPublisher())
                .get(0)
                .delivery();
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).startsWith("the zip archive cannot be read");
    }
}
