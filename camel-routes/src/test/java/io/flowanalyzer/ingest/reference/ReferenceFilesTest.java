package io.flowanalyzer.ingest.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceFilesTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private final ReferenceFile reader = new ReferenceFile(IST, "91");

    private ReferenceFile.Result read(String name, String text) {
        return reader.read(name, new BufferedReader(new StringReader(text)));
    }

    @Test
    void aSubscriberDirectoryWithOperatorsHeaderSpellings() {
        ReferenceFile.Result r = read(
                "subscribers-2026-11.csv",
                "\uFEFFSubscriber ID;Mobile No.;IMSI;Customer Name;Installation Address\n"
                        + "SUB-1;98765 43210;404450000000001;Ravi Kumar;\"12, MG Road, Bengaluru\"\n"
                        + "\n"
                        + ";+91-98123-45678;;Asha Rao;\n"
                        + "SUB-3;9.87654E+11;;Broken Phone;\n"
                        + ";;;Nobody;\n");
        assertThat(r.kind()).isEqualTo(ReferenceEntry.SUBSCRIBER);
        assertThat(r.linesRead()).isEqualTo(4);
        assertThat(r.entries())
                .containsExactly(
                        ReferenceEntry.subscriber(
                                "SUB-1",
                                "919876543210",
                                "404450000000001",
                                null,
                                "Ravi Kumar",
                                "12, MG Road, Bengaluru",
                                "subscribers-2026-11.csv:2"),
                        ReferenceEntry.subscriber(
                                null, "919812345678", null, null, "Asha Rao", null, "subscribers-2026-11.csv:4"));
        assertThat(r.rejects())
                .containsExactly(
                        new ReferenceFile.Problem(
                                5,
                                "msisdn '9.87654E+11' is in spreadsheet scientific notation, so its last digits are lost",
                                "SUB-3;9.87654E+11;;Broken Phone;"),
                        new ReferenceFile.Problem(
                                6, "a subscriber needs a subscriber id, an MSISDN or an IMSI", ";;;Nobody;"));
        assertThat(r.entries().size() + r.rejects().size()).isEqualTo((int) r.linesRead());
    }

    @Test
    void appRangesWithValidityPeriodsInTheConfiguredZone() {
        ReferenceFile.Result r = read(
                "apps.csv",
                "cidr,app,category,valid_from,valid_to\n"
                        + "157.240.1.0/24,WhatsApp,messaging,,2025-03-01\n"
                        + "157.240.1.7/24,Meta Relay,messaging,2025-03-01,\n"
                        + "2A03:2880:F000::/36,WhatsApp,messaging,2025-01-01 10:00:00,\n"
                        + "157.240.0.0/33,Bad,messaging,,\n"
                        + "157.240.2.0/24,,messaging,,\n"
                        + "157.240.3.0/24,Later,messaging,2025-03-01,2025-02-01\n"
                        + "157.240.4.0/24,Odd,messaging,next tuesday,\n"
                        + "1.1.1.0/24,x,y,,,extra\n");
        assertThat(r.kind()).isEqualTo(ReferenceEntry.APP);
        Instant march = Instant.parse("2025-02-28T18:30:00Z"); // midnight IST
        assertThat(r.entries())
                .containsExactly(
                        ReferenceEntry.app("157.240.1.0/24", "WhatsApp", "messaging", null, march, "apps.csv:2"),
                        ReferenceEntry.app("157.240.1.0/24", "Meta Relay", "messaging", march, null, "apps.csv:3"),
                        ReferenceEntry.app(
                                "2a03:2880:f000::/36",
                                "WhatsApp",
                                "messaging",
                                Instant.parse("2025-01-01T04:30:00Z"),
                                null,
                                "apps.csv:4"));
        assertThat(r.rejects())
                .extracting(ReferenceFile.Problem::line, ReferenceFile.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5L, "'157.240.0.0/33' is not an IP address or CIDR block"),
                        org.assertj.core.groups.Tuple.tuple(6L, "an app range needs the app's name"),
                        org.assertj.core.groups.Tuple.tuple(
                                7L, "its validity ends (2025-01-31T18:30:00Z) before it starts (2025-02-28T18:30:00Z)"),
                        org.assertj.core.groups.Tuple.tuple(8L, "valid_from 'next tuesday' is not a date or time"),
                        org.assertj.core.groups.Tuple.tuple(9L, "the line has 6 fields but the header names 5"));
    }

    @Test
    void watchListsAndCellsAreToldByNameOrByColumns() {
        ReferenceFile.Result watch = read(
                "threat-feed.tsv", "ip\tlabel\tseverity\n203.0.113.7\tC2 server\t0.95\n198.51.100.0/24\tscanners\t\n");
        assertThat(watch.kind()).isEqualTo(ReferenceEntry.WATCH);
        assertThat(watch.entries())
                .containsExactly(
                        ReferenceEntry.watch(
                                "threat-feed", "203.0.113.7/32", "C2 server", 0.95, null, null, "threat-feed.tsv:2"),
                        ReferenceEntry.watch(
                                "threat-feed", "198.51.100.0/24", "scanners", null, null, null, "threat-feed.tsv:3"));
        ReferenceFile.Result cells = read(
                "export-7.csv",
                "CGI|Latitude|Longitude|Azimuth|Site Name\n404-45-1234-5678|12.9716|77.5946|120|MG Road\n"
                        + "404-45-1234-5679|95|77.5|0|Nowhere\n");
        assertThat(cells.kind()).isEqualTo(ReferenceEntry.CELL);
        assertThat(cells.entries())
                .containsExactly(ReferenceEntry.cell(
                        "404-45-1234-5678", 12.9716, 77.5946, 120, "MG Road", null, "export-7.csv:2"));
        assertThat(cells.rejects())
                .extracting(ReferenceFile.Problem::reason)
                .containsExactly("a cell needs a latitude (−90 to 90) and a longitude (−180 to 180)");
        ReferenceFile.Result unknown = read("notes.csv", "foo,bar\n1,2\n");
        assertThat(unknown.kind()).isNull();
        assertThat(unknown.rejects().get(0).reason()).startsWith("cannot tell what kind of reference data 'notes.csv'");
    }

    @Test
    void aFileReplacesThePreviousFileOfItsNameAndBadFilesAreQuarantined(@TempDir Path dir) throws Exception {
        CollectingPublisher publisher = new CollectingPublisher();
        ReferenceRoute route = new ReferenceRoute(
                new IngestProperties.Reference(dir, ZoneOffset.UTC, "91"),
                publisher,
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        Files.createDirectories(dir.resolve("loaded"));
        Files.createDirectories(dir.resolve("quarantine"));

        Path first = Files.writeString(
                dir.resolve("watchlist.csv"), "cidr,label\n203.0.113.7,C2\n198.51.100.0/24,scan\nnope,x\n");
        ReferenceRoute.Receipt r1 = route.load(first, dir);
        assertThat(r1.kind()).isEqualTo(ReferenceEntry.WATCH);
        assertThat(r1.linesRead()).isEqualTo(3);
        assertThat(r1.accepted()).isEqualTo(2);
        assertThat(r1.rejected()).isEqualTo(1);
        assertThat(publisher.references)
                .extracting(ReferenceEntry::key)
                .containsExactly("watch|watchlist|203.0.113.7/32|null", "watch|watchlist|198.51.100.0/24|null");
        Reject reject = publisher.rejects.get(0);
        assertThat(reject.line()).isEqualTo(4);
        assertThat(reject.raw()).isEqualTo("nope,x");
        assertThat(reject.ipdr().isp()).isEqualTo("reference");
        assertThat(reject.ipdr().profile()).isEqualTo("reference-watch");
        assertThat(Files.exists(dir.resolve("loaded/watchlist.csv"))).isTrue();
        assertThat(Files.exists(first)).isFalse();

        Path second = Files.writeString(dir.resolve("watchlist.csv"), "cidr,label\n203.0.113.7,C2 server\n");
        ReferenceRoute.Receipt r2 = route.load(second, dir);
        assertThat(r2.removed()).isEqualTo(1);
        assertThat(publisher.referencesRemoved).containsExactly("watch|watchlist|198.51.100.0/24|null");
        assertThat(publisher.references.get(2).label()).isEqualTo("C2 server");
        assertThat(Files.readString(dir.resolve("loaded/watchlist.csv.json")))
                .contains("\"removed\" : 1")
                .contains("\"lines_read\" : 1");

        Path bad = Files.writeString(dir.resolve("a b;c.csv"), "foo\n1\n");
        ReferenceRoute.Receipt r3 = route.load(bad, dir);
        assertThat(r3.problem()).startsWith("cannot tell what kind");
        assertThat(Files.exists(dir.resolve("quarantine/a_b_c.csv"))).isTrue();
        assertThat(publisher.rejects.get(1).line()).isZero();
    }
}
