package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.custody.DeliveryLedger;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryIntakeTest {
    static final FormatProfiles PROFILES = FormatProfiles.builtIn();
    private static final Clock CLOCK = Fixtures.CLOCK;

    private static Path fixture(String name) throws Exception {
        return Fixtures.delivery(name);
    }

    @Test
    void readsARealisticDeliveryLineByLineAndAccountsForEveryLine() throws Exception {
        CollectingPublisher out = new CollectingPublisher();
        DeliveryIntake.Outcome outcome = new DeliveryIntake(out, PROFILES, CLOCK)
                .read(
                        fixture("semicolon-ist.csv"),
                        new DeliveryIntake.Source(
                                "jio", "inbox", "semicolon-ist.csv", "generic-csv", ZoneId.of("Asia/Kolkata")));

        Delivery d = outcome.delivery();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.lines()).isEqualTo(6);
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(d.rejected()).isEqualTo(4);
        assertThat(d.accepted() + d.rejected()).isEqualTo(d.lines());
        assertThat(d.sha256())
                .isEqualTo(io.flowanalyzer.ingest.custody.DeliveryCustody.of(fixture("semicolon-ist.csv"))
                        .sha256());
        assertThat(out.custody).hasSize(2).last().isEqualTo(d);
        assertThat(out.custody.get(0).status()).isEqualTo(Delivery.READING);
        assertThat(out.custody.get(0).lines()).isZero();
        assertThat(out.custody.get(0).id()).isEqualTo(d.id());
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
        assertThat(out.rejects.get(0).reason()).startsWith("Start_Time '9.19834E+11 is no time' is not a time");
        assertThat(out.rejects.get(1).reason())
                .isEqualTo("MSISDN '9.19834E+11' is in spreadsheet scientific notation, so its last digits are lost");
        assertThat(out.rejects.get(2).reason()).isEqualTo("Private_Port '70000' is not a port number (0-65535)");
        assertThat(out.rejects.get(3).raw()).isEqualTo("Total Records : 5");
        assertThat(out.rejects.get(3).ipdr().delivery().id()).isEqualTo(d.id());
        assertThat(out.rejects.get(3).log().file().path()).isEqualTo("semicolon-ist.csv");
    }

    @Test
    void detectsAnIndianOperatorReportBelowItsBannerAndReadsItsDatesTimesAndColumns() throws Exception {
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, PROFILES, CLOCK)
                .read(
                        fixture("jio-dot-ipdr.csv"),
                        new DeliveryIntake.Source("jio", "inbox", "jio-dot-ipdr.csv", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.profileVersion()).isEqualTo("1");
        assertThat(d.profileDetected()).isTrue();
        assertThat(d.profileConfidence()).isEqualTo(0.81);
        assertThat(d.preambleLines()).isEqualTo(3);
        assertThat(d.lines()).isEqualTo(6);
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(d.rejected()).isEqualTo(4);

        SessionRecord first = out.records.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(first.event().end()).isEqualTo(Instant.parse("2024-03-01T04:47:00Z"));
        assertThat(first.ipdr().aParty())
                .isEqualTo(new SessionRecord.AParty(
                        "9876543210@jio", "919876543210", "405857123456789", "356938035643809", null, null));
        assertThat(first.source().ip()).isEqualTo("2409:4042:2d8a::1");
        assertThat(first.source().port()).isEqualTo(51234);
        assertThat(first.source().nat()).isNull();
        assertThat(first.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, 56000L));
        assertThat(first.source().bytes()).isEqualTo(1200L);
        assertThat(first.ipdr().access()).isEqualTo(new SessionRecord.Access("jionet", null));
        assertThat(first.ipdr().cell())
                .isEqualTo(new SessionRecord.Cell("405857-1101-23001", null, "405857-1101-23002"));
        assertThat(first.ipdr().profile()).isEqualTo("in-dot-ipdr@1");
        assertThat(first.ipdr().delivery().line()).isEqualTo(5L);

        SessionRecord second = out.records.get(1);
        assertThat(second.timestamp()).isEqualTo(Instant.parse("2024-03-01T18:29:50Z"));
        assertThat(second.event().end()).isEqualTo(Instant.parse("2024-03-01T18:30:20Z"));
        assertThat(second.ipdr().aParty().deviceId()).isEqualTo("8C:85:90:12:34:56");
        assertThat(second.ipdr().aParty().imei()).isNull();
        assertThat(second.source().nat()).isEqualTo(new SessionRecord.Nat("100.64.1.2", 2048));

        assertThat(out.rejects).extracting(Reject::line).containsExactly(7L, 8L, 10L, 11L);
        assertThat(out.rejects)
                .extracting(Reject::reason)
                .containsExactly(
                        "Landline/MSISDN/MDN/Leased Circuit ID for Internet Access '9.19877E+11' is in spreadsheet scientific notation, so its last digits are lost",
                        "Start Date of Public IP Address allocation (dd/mm/yyyy) '31/02/2024' is not a date (expected dd/MM/yyyy, or dd-MM-yyyy, or dd.MM.yyyy, or yyyy/MM/dd, or yyyy-MM-dd)",
                        "a banner, footer, comment or rule line of the report, not a record",
                        "a banner, footer, comment or rule line of the report, not a record");
    }

    @Test
    void detectsUnderscoreHeadersAndTakesTheIpv6ColumnWhenTheIpv4OneIsEmpty() throws Exception {
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, PROFILES, CLOCK)
                .read(fixture("vi-underscore-ipdr.txt"), new DeliveryIntake.Source("vi", "inbox", "vi.txt", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("in-underscore-ipdr");
        assertThat(d.profileConfidence()).isEqualTo(0.89);
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(out.rejects)
                .extracting(Reject::reason)
                .containsExactly("a banner, footer, comment or rule line of the report, not a record");

        SessionRecord v4 = out.records.get(0);
        assertThat(v4.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:30:00Z"));
        assertThat(v4.event().end()).isEqualTo(Instant.parse("2024-03-01T04:35:00Z"));
        assertThat(v4.source())
                .isEqualTo(new SessionRecord.Source("10.1.1.1", null, new SessionRecord.Nat("100.70.1.1", 3001), 100L));
        assertThat(v4.destination()).isEqualTo(new SessionRecord.Destination("142.250.183.14", 443, 200L));
        assertThat(v4.ipdr().access().rat()).isEqualTo("4G");

        SessionRecord v6 = out.records.get(1);
        assertThat(v6.ipdr().aParty().msisdn()).isEqualTo("919812345678");
        assertThat(v6.source().ip()).isEqualTo("2409:4042::abcd");
        assertThat(v6.destination().ip()).isEqualTo("2a03:2880:f12f:83:face:b00c:0:25de");
        assertThat(v6.event().end()).isEqualTo(Instant.parse("2024-03-01T04:37:00Z"));
        assertThat(v6.ipdr().access().rat()).isEqualTo("5G");
    }

    @Test
    void readsAHeaderVariantSeenNowhereBeforeByTheProfilesPatterns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("bsnl.csv"),
                String.join(
                                "\r\n",
                                "IP Detail Record for 9876543210 from 01-03-2024 to 02-03-2024",
                                "Sl No.;MSISDN / Landline No.;Public IP;Public IP Port;Destination IP;Destination Port;Start Date;Start Time;Uplink (Bytes);Downlink (Bytes);Cell Id",
                                "1;09876543210;100.64.9.9;40000;142.250.183.14;443;01-03-2024;10:15:30;1,2",
                                "2;9876543210;100.64.9.9;40001;142.250.183.14;443;01-03-2024;01/03/2024 10:16:00;300;4000;405857-1",
                                "")
                        + "\r\n");
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, PROFILES, CLOCK)
                .read(file, new DeliveryIntake.Source("bsnl", "inbox", "bsnl.csv", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.preambleLines()).isEqualTo(1);
        assertThat(d.accepted()).isEqualTo(1);
        assertThat(out.rejects)
                .extracting(Reject::reason)
                .containsExactly("the line has 9 fields where the header has 11");
        SessionRecord r = out.records.get(0);
        assertThat(r.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(r.source().nat()).isEqualTo(new SessionRecord.Nat("100.64.9.9", 40001));
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:46:00Z"));
        assertThat(r.source().bytes()).isEqualTo(300L);
        assertThat(r.destination().bytes()).isEqualTo(4000L);
        assertThat(r.ipdr().cell().id()).isEqualTo("405857-1");
    }

    @Test
    void aGenericFileIsDetectedAsGeneric() throws Exception {
        Delivery d = new DeliveryIntake(new CollectingPublisher(), PROFILES, CLOCK)
                .read(fixture("semicolon-ist.csv"), new DeliveryIntake.Source("jio", "inbox", "s.csv", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("generic-csv");
        assertThat(d.profileConfidence()).isEqualTo(0.91);
    }

    @Test
    void quarantinesAFileNoProfileRecognisesOrOneAskedForAProfileThatDoesNotExist(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "Dear sir,\nplease find the data attached.\n");
        DeliveryIntake intake = new DeliveryIntake(new CollectingPublisher(), PROFILES, CLOCK);
        assertThat(intake.read(file, new DeliveryIntake.Source("vi", "inbox", "notes.txt", null, null))
                        .delivery()
                        .reason())
                .isEqualTo(
                        "no known format profile recognises a header in this file (the first line reads: Dear sir,)");
        assertThat(intake.read(file, new DeliveryIntake.Source("vi", "inbox", "notes.txt", "in-bsnl", null))
                        .delivery()
                        .reason())
                .isEqualTo("there is no format profile named 'in-bsnl' (known: "
                        + String.join(", ", FormatProfiles.BUILT_IN) + ")");
    }

    @Test
    void anOverlappingRedeliveryKeepsTheIdsOfTheSessionsItShares(@TempDir Path dir) throws Exception {
        String header = "start_time,msisdn,destination_ip,destination_port\n";
        Path first = Files.writeString(
                dir.resolve("first.csv"),
                header
                        + "2024-03-01 10:00:00,919876543210,8.8.8.8,53\n"
                        + "2024-03-01 10:05:00,919876543210,1.1.1.1,53\n");
        Path corrected = Files.writeString(
                dir.resolve("corrected.csv"),
                header
                        + "2024-03-01T15:35:00+05:30,+91 98765 43210,1.1.1.1,53\n"
                        + "2024-03-01 10:00:00,919876543210,8.8.8.8,53\n"
                        + "2024-03-01 10:09:00,919876543210,9.9.9.9,53\n");
        CollectingPublisher a = new CollectingPublisher();
        CollectingPublisher b = new CollectingPublisher();
        new DeliveryIntake(a, PROFILES, CLOCK)
                .read(first, new DeliveryIntake.Source("jio", "inbox", "first.csv", null, null));
        new DeliveryIntake(b, PROFILES, CLOCK)
                .read(corrected, new DeliveryIntake.Source("jio", "inbox", "corrected.csv", null, null));
        List<String> firstIds = a.records.stream().map(SessionRecord::id).toList();
        List<String> correctedIds = b.records.stream().map(SessionRecord::id).toList();
        assertThat(correctedIds).hasSize(3).containsAll(firstIds);
        assertThat(correctedIds.get(0)).isEqualTo(firstIds.get(1));
        assertThat(correctedIds.get(2)).isNotIn(firstIds);
    }

    @Test
    void anIdenticalRedeliveryIsRecognisedAndNotReadAgain(@TempDir Path dir) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(dir.resolve("ledger"));
        Path a = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("a.csv"));
        Path again = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("again.csv"));
        CollectingPublisher first = new CollectingPublisher();
        CollectingPublisher second = new CollectingPublisher();
        Delivery d1 = new DeliveryIntake(first, PROFILES, CLOCK, DeliveryIntake.Limits.DEFAULT, ledger)
                .read(a, new DeliveryIntake.Source("jio", "inbox", "a.csv", null, null))
                .delivery();
        Delivery d2 = new DeliveryIntake(second, PROFILES, CLOCK, DeliveryIntake.Limits.DEFAULT, ledger)
                .read(again, new DeliveryIntake.Source("jio", "inbox", "again.csv", null, null))
                .delivery();
        assertThat(d1.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d2.status()).isEqualTo(Delivery.DUPLICATE);
        assertThat(d2.id()).isEqualTo(d1.id());
        assertThat(d2.reason())
                .isEqualTo("the same file (sha256 " + d1.sha256()
                        + ") was delivered before as a.csv and read on 2026-11-24T06:00:00Z; it was not read again");
        assertThat(second.records).isEmpty();
        assertThat(second.rejects).isEmpty();
        assertThat(second.custody).isEmpty();
        // another ISP's identical file is its own delivery
        Delivery other = new DeliveryIntake(
                        new CollectingPublisher(), PROFILES, CLOCK, DeliveryIntake.Limits.DEFAULT, ledger)
                .read(again, new DeliveryIntake.Source("airtel", "inbox", "again.csv", null, null))
                .delivery();
        assertThat(other.status()).isEqualTo(Delivery.COMPLETE);
    }

    @Test
    void theSameBytesGiveTheSameIdsWhateverTheFileName(@TempDir Path dir) throws Exception {
        Path a = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("a.csv"));
        Path b = Files.copy(fixture("semicolon-ist.csv"), dir.resolve("b.csv"));
        CollectingPublisher first = new CollectingPublisher();
        CollectingPublisher second = new CollectingPublisher();
        new DeliveryIntake(first, PROFILES, CLOCK)
                .read(a, new DeliveryIntake.Source("jio", "inbox", "a.csv", null, null));
        new DeliveryIntake(second, PROFILES, CLOCK)
                .read(b, new DeliveryIntake.Source("jio", "inbox", "b.csv", null, null));
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
        CollectingPublisher out = new CollectingPublisher();
        DeliveryIntake.Outcome outcome = new DeliveryIntake(out, PROFILES, CLOCK)
                .read(file, new DeliveryIntake.Source("vi", "inbox", "report.csv", "generic-csv", null));
        assertThat(outcome.quarantined()).isTrue();
        assertThat(outcome.delivery().reason())
                .startsWith(
                        "the first line is not a generic-csv header naming start_time (the first line reads: Dynamic IPDR)");
        assertThat(out.records).isEmpty();
        assertThat(out.rejects).singleElement().satisfies(r -> {
            assertThat(r.line()).isZero();
            assertThat(r.reason()).startsWith("the file was quarantined: the first line is not a generic-csv header");
        });
    }

    @Test
    void quarantinesAnEmptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "\n\n");
        DeliveryIntake.Outcome outcome = new DeliveryIntake(new CollectingPublisher(), PROFILES, CLOCK)
                .read(file, new DeliveryIntake.Source("vi", "inbox", "empty.csv", null, null));
        assertThat(outcome.quarantined()).isTrue();
        assertThat(outcome.delivery().reason()).isEqualTo("the file is empty");
    }

    @Test
    void readsAnExcelUnicodeTextExportUtf16AndTabbed(@TempDir Path dir) throws Exception {
        // Excel's "Save as Unicode Text": UTF-16 little-endian with its byte-order mark, tab between cells
        String report = "MSISDN\tSource IP\tSource Port\tDestination IP\tDestination Port\tStart Time\r\n"
                + "919876543210\t10.20.30.40\t40001\t157.240.16.52\t443\t2024-03-01 10:15:30\r\n"
                + "919876543210\t10.20.30.999\t40002\t157.240.16.52\t443\t2024-03-01 10:16:30\r\n";
        byte[] body = report.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Path file = Files.write(dir.resolve("ipdr-unicode.txt"), bytes);

        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, PROFILES, CLOCK)
                .readAll(
                        file,
                        new DeliveryIntake.Source("jio", "inbox", "ipdr-unicode.txt", null, ZoneId.of("Asia/Kolkata")))
                .get(0)
                .delivery();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.lines()).isEqualTo(2);
        assertThat(d.accepted()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(1);
        assertThat(d.sha256())
                .isEqualTo(
                        io.flowanalyzer.ingest.custody.DeliveryCustody.of(file).sha256());
        SessionRecord s = out.records.get(0);
        assertThat(s.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(s.destination().ip()).isEqualTo("157.240.16.52");
        assertThat(s.ipdr().delivery().line()).isEqualTo(2L);
        assertThat(s.log().offset()).isNull(); // counted in the re-encoded text, so not claimed
        assertThat(out.rejects.get(0).raw())
                .isEqualTo("919876543210\t10.20.30.999\t40002\t157.240.16.52\t443\t2024-03-01 10:16:30");
    }
}
