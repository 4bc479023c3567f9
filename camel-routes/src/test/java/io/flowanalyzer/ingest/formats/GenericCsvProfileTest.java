package io.flowanalyzer.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GenericCsvProfileTest {
    private static final DeliveryRef DELIVERY =
            DeliveryRef.of("acme", "inbox", "generic-csv", "s.csv", "ab".repeat(32));
    private static final String HEADER =
            "start_time,end_time,msisdn,imsi,imei,subscriber_id,private_ip,private_port,public_ip,public_port,"
                    + "destination_ip,destination_port,protocol,bytes_up,bytes_down,cell_id,lat,lon";

    private static final FormatProfile GENERIC =
            FormatProfiles.builtIn().find("generic-csv").orElseThrow();

    private static LineResult read(String header, String line, ZoneId zone) throws UnreadableDelivery {
        return DelimitedProfile.match(GENERIC, header)
                .orElseThrow(() -> new AssertionError("not a generic header: " + header))
                .reader(DELIVERY, zone)
                .read(new DeliveryLines.Line(2, 100, line, false));
    }

    private static SessionRecord accepted(String header, String line, ZoneId zone) throws UnreadableDelivery {
        LineResult result = read(header, line, zone);
        assertThat(result).isInstanceOf(LineResult.Accepted.class);
        return ((LineResult.Accepted) result).record();
    }

    private static String refused(String line) throws UnreadableDelivery {
        LineResult result = read(HEADER, line, ZoneOffset.UTC);
        assertThat(result).isInstanceOf(LineResult.Refused.class);
        return ((LineResult.Refused) result).reason();
    }

    @Test
    void readsEveryRecognisedColumnIntoTheRecord() throws UnreadableDelivery {
        String line = "2024-03-01 10:15:30,2024-03-01 10:17:00,919876543210,404450123456789,356938035643809,SUB-1,"
                + "10.20.30.40,40001,100.64.1.2,2048,157.240.16.35,443,TCP,1200,56000,40445-1234-5678,19.0760,72.8777";
        SessionRecord r = accepted(HEADER, line, ZoneId.of("Asia/Kolkata"));
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(r.event().end()).isEqualTo(Instant.parse("2024-03-01T04:47:00Z"));
        assertThat(r.event().duration()).isEqualTo(90_000_000_000L);
        assertThat(r.event().original()).isEqualTo(line);
        assertThat(r.id())
                .hasSize(32)
                .isEqualTo(accepted(HEADER, line, ZoneId.of("Asia/Kolkata")).id());
        assertThat(accepted(HEADER, line.replace(",TCP,", ",UDP,"), ZoneId.of("Asia/Kolkata"))
                        .id())
                .isNotEqualTo(r.id());
        assertThat(r.ipdr().aParty())
                .isEqualTo(new SessionRecord.AParty(
                        "SUB-1", "919876543210", "404450123456789", "356938035643809", null, null));
        assertThat(r.source())
                .isEqualTo(new SessionRecord.Source(
                        "10.20.30.40", 40001, new SessionRecord.Nat("100.64.1.2", 2048), 1200L));
        assertThat(r.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.35", 443, 56000L));
        assertThat(r.network().transport()).isEqualTo("tcp");
        assertThat(r.ipdr().cell())
                .isEqualTo(
                        new SessionRecord.Cell("40445-1234-5678", new SessionRecord.GeoPoint(19.076, 72.8777), null));
        assertThat(r.ipdr().isp()).isEqualTo("acme");
        assertThat(r.ipdr().profile()).isEqualTo("generic-csv@1");
        assertThat(r.ipdr().delivery()).isEqualTo(new SessionRecord.Delivery(DELIVERY.id(), 2L));
        assertThat(r.ipdr().attribution().method()).isEqualTo("direct");
        assertThat(r.log().offset()).isEqualTo(100L);
        assertThat(r.file().hash().sha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void headerNamesAreCaseInsensitiveInAnyOrderWithUnknownColumnsIgnored() throws UnreadableDelivery {
        SessionRecord r = accepted(
                "Remarks | DESTINATION_IP | Start Time | msisdn",
                "x | 2001:DB8:0:0:0:0:0:1 | 2024-03-01T10:00:00Z | 9876543210",
                ZoneOffset.UTC);
        assertThat(r.destination().ip()).isEqualTo("2001:db8::1");
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(r.ipdr().aParty().msisdn()).isEqualTo("9876543210");
        assertThat(r.source()).isNull();
    }

    @Test
    void offsetTimesIgnoreTheFeedZone() throws UnreadableDelivery {
        SessionRecord r = accepted("start_time,msisdn", "2024-03-01T10:00:00+05:30,1", ZoneId.of("America/New_York"));
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:30:00Z"));
    }

    @Test
    void protocolNumbersBecomeNamesAndEmptyMarkersMeanAbsent() throws UnreadableDelivery {
        SessionRecord r = accepted("start_time,protocol,imei,cell_id", "2024-03-01 00:00:00,17,-,NA", ZoneOffset.UTC);
        assertThat(r.network().transport()).isEqualTo("udp");
        assertThat(r.ipdr().aParty()).isNull();
        assertThat(r.ipdr().cell()).isNull();
        assertThat(r.ipdr().attribution()).isNull();
        // in any case; a cell that only starts like a marker is a value
        SessionRecord other =
                accepted("start_time,protocol,imei,cell_id", "2024-03-01 00:00:00,tcp,Null,N/A", ZoneOffset.UTC);
        assertThat(other.ipdr().aParty()).isNull();
        assertThat(other.ipdr().cell()).isNull();
        SessionRecord kept = accepted("start_time,protocol,cell_id", "2024-03-01 00:00:00,tcp,nab", ZoneOffset.UTC);
        assertThat(kept.ipdr().cell().id()).isEqualTo("nab");
    }

    @Test
    void refusesLinesWithTheReasonAnInvestigatorCanAct() throws UnreadableDelivery {
        String ok = "2024-03-01 10:15:30,,919876543210,,,,10.0.0.1,1,,,8.8.8.8,53,udp,1,2,,,";
        assertThat(read(HEADER, ok, ZoneOffset.UTC)).isInstanceOf(LineResult.Accepted.class);
        assertThat(refused("garbage")).isEqualTo("the line has 1 fields where the header has 18");
        assertThat(refused(ok.replace("2024-03-01 10:15:30", "01/03/2024 10:15")))
                .isEqualTo(
                        "start_time '01/03/2024 10:15' is not a time (expected ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss)");
        assertThat(refused(ok.replace("2024-03-01 10:15:30", ""))).isEqualTo("start_time is empty");
        assertThat(refused(ok.replace("10.0.0.1", "10.0.0.256")))
                .isEqualTo("private_ip '10.0.0.256' is not an IP address");
        assertThat(refused(ok.replace(",53,", ",65536,")))
                .isEqualTo("destination_port '65536' is not a port number (0-65535)");
        assertThat(refused(ok.replace(",1,2,", ",-1,2,"))).isEqualTo("bytes_up '-1' is not a whole number of bytes");
        assertThat(refused(ok.replace("919876543210", "9.19876E+11")))
                .isEqualTo("msisdn '9.19876E+11' is in spreadsheet scientific notation, so its last digits are lost");
        assertThat(refused(ok.replace("2024-03-01 10:15:30,", "2024-03-01 10:15:30,2024-03-01 10:15:29")))
                .isEqualTo("end_time 2024-03-01 10:15:29 is before start_time 2024-03-01 10:15:30");
        assertThat(refused(ok.replace("2,,,", "2,,19.0,"))).startsWith("lat and lon must be given together");
        assertThat(refused(ok.replace("udp", "u d p")))
                .isEqualTo("protocol 'u d p' is not a transport protocol name or number");
        assertThat(refused("\"2024-03-01 10:15:30,unclosed")).startsWith("the line cannot be split into fields");
    }

    @Test
    void readsSpreadsheetWholeNumbers() throws UnreadableDelivery {
        SessionRecord r =
                accepted("start_time,bytes_up,destination_port", "2024-03-01 00:00:00,1234.0,443", ZoneOffset.UTC);
        assertThat(r.source().bytes()).isEqualTo(1234L);
        assertThat(read("start_time,bytes_up", "2024-03-01 00:00:00,12.5", ZoneOffset.UTC))
                .isEqualTo(LineResult.refused("bytes_up '12.5' is not a whole number of bytes"));
    }

    @Test
    void acceptsOneTrailingDelimiter() throws UnreadableDelivery {
        assertThat(read("start_time,msisdn", "2024-03-01 00:00:00,1,", ZoneOffset.UTC))
                .isInstanceOf(LineResult.Accepted.class);
    }

    @Test
    void refusesHeadersItCannotUse() throws UnreadableDelivery {
        assertThat(DelimitedProfile.match(GENERIC, "Dynamic IPDR report for 9876543210"))
                .isEmpty();
        assertThat(DelimitedProfile.match(GENERIC, "msisdn,end_time")).isEmpty();
        assertThatThrownBy(() -> DelimitedProfile.match(GENERIC, "start_time,msisdn,MSISDN"))
                .isInstanceOf(UnreadableDelivery.class)
                .hasMessage("the header row names the column MSISDN twice, so its values are ambiguous");
    }

    @Test
    void absentMarkersIncludingAProfilesOwnAreAbsentInAnyCase() throws UnreadableDelivery {
        FormatProfile zeek = FormatProfiles.builtIn().find("zeek-conn").orElseThrow();
        String header =
                "#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_bytes\tresp_bytes";
        LineResult result = DelimitedProfile.match(zeek, header)
                .orElseThrow()
                .reader(DELIVERY, ZoneOffset.UTC)
                .read(new DeliveryLines.Line(
                        9, 0, "1709287200.5\t10.0.0.5\t52344\t157.240.16.52\t443\ttcp\t(EMPTY)\tN/A\t-", false));
        SessionRecord r = ((LineResult.Accepted) result).record();
        assertThat(r.event().end()).isNull();
        assertThat(r.source().bytes()).isNull();
        assertThat(r.destination().bytes()).isNull();
    }
}
