package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPDRDoc XML is streamed record by record: DOCSIS-Type service flows become sessions with their
 * volume on the right side, records of another type and bad values are rejects, a document that stops
 * being well-formed keeps the records before the break and is quarantined, and a DOCTYPE (the door to
 * external entities) is refused outright.
 */
class XmlDeliveriesTest {
    private static final Clock CLOCK = Fixtures.CLOCK;

    private final CollectingPublisher out = new CollectingPublisher();

    private Delivery read(Path file) throws Exception {
        return new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(
                        file,
                        new DeliveryIntake.Source(
                                "acme-cable", "inbox", file.getFileName().toString(), null, null))
                .delivery();
    }

    private Path fixture(String name) throws Exception {
        return Fixtures.delivery(name);
    }

    @Test
    void docsisServiceFlowsBecomeSessionsWithTheirVolumeInTheirDirection() throws Exception {
        Delivery d = read(fixture("ipdr-docsis.xml"));

        assertThat(d.profile()).isEqualTo("ipdr-docsis");
        assertThat(d.profileDetected()).isTrue();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(4L, 2L, 2L);

        SessionRecord up = out.records.get(0);
        assertThat(up.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:00:00Z"));
        assertThat(up.event().end()).isEqualTo(Instant.parse("2024-03-01T05:00:00Z"));
        assertThat(up.source().ip()).isEqualTo("192.168.100.10");
        assertThat(up.source().bytes()).isEqualTo(1_048_576L);
        assertThat(up.destination()).isNull();
        assertThat(up.ipdr().aParty().deviceId()).isEqualTo("00-00-39-18-8A-4D");
        assertThat(up.ipdr().delivery().line()).isEqualTo(4L);
        assertThat(up.event().original())
                .startsWith("<IPDR xsi:type=\"DOCSIS-Type\">")
                .endsWith("</IPDR>");

        SessionRecord down = out.records.get(1); // xsi:type with stray spaces, the address in CDATA
        assertThat(down.source().bytes()).isNull();
        assertThat(down.destination().bytes()).isEqualTo(73_400_320L);
        assertThat(down.source().ip()).isEqualTo("192.168.100.10");

        assertThat(out.rejects).extracting(Reject::line).containsExactly(30L, 35L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("an IPDR record of type 'VoIP-Type', not DOCSIS-Type");
        assertThat(out.rejects.get(1).error().message())
                .isEqualTo("CPEipAddress '192.168.100.300' is not an IP address");
    }

    @Test
    void ndmuBlocksNestedInIpdrRecReadByBlockWhetherElementsOrAttributes() throws Exception {
        Delivery d = read(fixture("ipdr-ndmu.xml"));

        assertThat(d.profile()).isEqualTo("ipdr-ndmu");
        assertThat(d.profileDetected()).isTrue();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(4L, 2L, 2L);

        SessionRecord first = out.records.get(0); // values as elements, IST times
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:00:00Z"));
        assertThat(first.event().end()).isEqualTo(Instant.parse("2024-03-01T04:04:10Z"));
        assertThat(first.ipdr().aParty().subscriberId()).isEqualTo("CUST-10017");
        assertThat(first.ipdr().aParty().msisdn()).isEqualTo("919812345678");
        // the subscriber's address, not the BRAS's (SE/ipAddress)
        assertThat(first.source().ip()).isEqualTo("100.70.1.17");
        assertThat(first.source().bytes()).isEqualTo(20_480L);
        assertThat(first.destination().ip()).isEqualTo("157.240.16.52");
        assertThat(first.destination().port()).isEqualTo(443);
        assertThat(first.destination().bytes()).isEqualTo(512_000L);
        assertThat(first.ipdr().delivery().line()).isEqualTo(6L);

        SessionRecord second = out.records.get(1); // values as attributes of UE
        assertThat(second.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:01:00Z"));
        assertThat(second.event().end()).isEqualTo(Instant.parse("2024-03-01T04:02:30Z"));
        assertThat(second.ipdr().aParty().subscriberId()).isEqualTo("CUST-10018");
        assertThat(second.source().ip()).isEqualTo("2409:4042:ab1::17");
        assertThat(second.destination().ip()).isEqualTo("149.154.167.51");
        assertThat(second.destination().bytes()).isEqualTo(9_000L);

        // a record without a start is refused, not dated by when the record was made (IPDR@time)
        assertThat(out.rejects).extracting(Reject::line).containsExactly(34L, 38L);
        assertThat(out.rejects.get(0).error().message()).isEqualTo("UE/startTime is empty");
        assertThat(out.rejects.get(1).error().message())
                .isEqualTo("UE/userIpAddress '100.70.1.300' is not an IP address");
    }

    @Test
    void aDocumentThatStopsBeingWellFormedKeepsTheRecordsBeforeAndIsQuarantined() throws Exception {
        Delivery d = read(fixture("ipdr-broken.xml"));

        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason())
                .startsWith("the XML is not well-formed at line 10: ")
                .contains("expected </CPEipAddress>")
                .endsWith("; the records before that point were read");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(1L, 1L, 0L);
        assertThat(out.records.get(0).source().ip()).isEqualTo("192.168.100.11");
    }

    @Test
    void aTrailerCountingOtherRecordsThanTheDocumentHoldsQuarantinesItWithTheRecordsKept(@TempDir Path dir)
            throws Exception {
        String whole = Files.readString(fixture("ipdr-docsis.xml"));
        Path miscounted = Files.writeString(
                dir.resolve("short.xml"), whole.replace("<IPDRDoc.End count=\"4\"", "<IPDRDoc.End count=\"5\""));

        Delivery d = read(miscounted);

        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason())
                .startsWith("the document's trailer (IPDRDoc.End) counts 5 records, but it holds 4;"
                        + " the records it holds were read");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(4L, 2L, 2L);
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityCanReadAnotherFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path xxe = Files.writeString(
                dir.resolve("xxe.xml"),
                """
                <?xml version="1.0"?>
                <!DOCTYPE IPDRDoc [<!ENTITY leak SYSTEM "%s">]>
                <IPDRDoc xmlns="http://www.ipdr.org/namespaces/ipdr" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <IPDR xsi:type="DOCSIS-Type">
                    <CMmacAddress>&leak;</CMmacAddress>
                    <serviceTimeCreated>2024-03-01T04:00:00Z</serviceTimeCreated>
                  </IPDR>
                </IPDRDoc>
                """
                        .formatted(secret.toUri()));
        Delivery d = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(xxe, new DeliveryIntake.Source("acme-cable", "inbox", "xxe.xml", "ipdr-docsis", null))
                .delivery();

        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).startsWith("the XML declares a document type (DOCTYPE)");
        assertThat(out.records).isEmpty();
        assertThat(out.rejects).noneMatch(r -> String.valueOf(r.raw()).contains("TOP-SECRET"));
    }
}
