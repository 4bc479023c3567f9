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
 * JSON deliveries — Zeek conn.log as JSON lines, Suricata eve.json, and the generic layout as a
 * pretty-printed array — are detected, streamed object by object and checked like delimited cells;
 * a broken line of NDJSON is one reject and does not take the lines after it with it.
 */
class JsonDeliveriesTest {
    private static final Clock CLOCK = Fixtures.CLOCK;

    private final CollectingPublisher out = new CollectingPublisher();

    private Delivery read(Path file, String profile) throws Exception {
        return new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(
                        file,
                        new DeliveryIntake.Source(
                                "acme", "inbox", file.getFileName().toString(), profile, null))
                .delivery();
    }

    private Delivery read(String fixture) throws Exception {
        return read(Fixtures.delivery(fixture), null);
    }

    @Test
    void zeekJsonLinesKeepDottedKeysFractionalEpochTimesAndSurviveABrokenLine() throws Exception {
        Delivery d = read("zeek-conn.json");

        assertThat(d.profile()).isEqualTo("zeek-conn-json");
        assertThat(d.profileConfidence()).isEqualTo(1.0);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(5L, 3L, 2L);

        SessionRecord first = out.records.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T09:35:30.123Z"));
        assertThat(first.event().end()).isEqualTo(Instant.parse("2024-03-01T09:35:42.623Z"));
        assertThat(first.source().ip()).isEqualTo("10.1.2.3");
        assertThat(first.source().port()).isEqualTo(51234);
        assertThat(first.source().bytes()).isEqualTo(1200L);
        assertThat(first.destination()).isEqualTo(new SessionRecord.Destination("157.240.1.35", 443, 54000L));
        assertThat(first.network().transport()).isEqualTo("tcp");
        assertThat(first.ipdr().profile()).isEqualTo("zeek-conn-json@1");
        assertThat(first.event().original()).startsWith("{\"ts\":1709285730.123456,");

        SessionRecord iso = out.records.get(1);
        assertThat(iso.timestamp()).isEqualTo(Instant.parse("2024-03-01T09:35:31.500Z"));
        assertThat(iso.source().ip()).isEqualTo("2409:4042:ab::1");
        assertThat(out.records.get(2).event().end()).isNull(); // "duration": null is absent

        assertThat(out.rejects).extracting(Reject::line).containsExactly(3L, 4L);
        assertThat(out.rejects.get(0).error().message()).isEqualTo("the line is not a complete JSON object");
        assertThat(out.rejects.get(1).error().message()).isEqualTo("id.orig_h '10.1.2.999' is not an IP address");
    }

    @Test
    void suricataFlowEventsBecomeSessionsAndOtherEventTypesSayWhatTheyAre() throws Exception {
        Delivery d = read("suricata-eve.json");

        assertThat(d.profile()).isEqualTo("suricata-flow");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(2L, 1L, 1L);
        SessionRecord flow = out.records.get(0);
        assertThat(flow.event().start()).isEqualTo(Instant.parse("2024-03-01T09:45:00Z"));
        assertThat(flow.event().end()).isEqualTo(Instant.parse("2024-03-01T09:45:30Z"));
        assertThat(flow.source().ip()).isEqualTo("192.168.1.20");
        assertThat(flow.source().bytes()).isEqualTo(1500L);
        assertThat(flow.destination()).isEqualTo(new SessionRecord.Destination("149.154.167.51", 443, 9000L));
        assertThat(flow.network().transport()).isEqualTo("tcp");
        assertThat(out.rejects.get(0).error().message()).isEqualTo("the record's event_type is 'dns', not 'flow'");
    }

    @Test
    void aPrettyPrintedArrayIsReadObjectByObjectWithBracesInsideStringsLeftAlone() throws Exception {
        Delivery d = read("generic-array.json");

        assertThat(d.profile()).isEqualTo("generic-json");
        assertThat(d.profileDetected()).isTrue();
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(3L, 2L, 1L);

        SessionRecord first = out.records.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(first.ipdr().delivery().line()).isEqualTo(2L); // where the object begins
        assertThat(first.log().offset()).isEqualTo(2L);
        assertThat(first.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(first.destination()).isEqualTo(new SessionRecord.Destination("157.240.1.35", 443, 56000L));

        SessionRecord third = out.records.get(1);
        assertThat(third.timestamp()).isEqualTo(Instant.parse("2024-03-01T11:00:00Z"));
        assertThat(third.ipdr().cell().location()).isEqualTo(new SessionRecord.GeoPoint(19.07, 72.87));

        assertThat(out.rejects.get(0).line()).isEqualTo(14L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("start_time 'yesterday' is not a time (expected ISO-8601 with an offset, or yyyy-MM-dd"
                        + " HH:mm:ss)");
        assertThat(out.rejects.get(0).event().original()).contains("\"msisdn\": \"919876543211\"");
    }

    @Test
    void anObjectNeverClosedIsOneRejectAtTheEnd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("cut.json"),
                "[\n {\"start_time\": \"2024-03-01 10:00:00\", \"msisdn\": \"919800000001\"},\n"
                        + " {\"start_time\": \"2024-03-01 10:01:00\",\n  \"msisdn\": \"9198");
        Delivery d = read(file, "generic-json");

        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(2L, 1L, 1L);
        assertThat(out.rejects.get(0).line()).isEqualTo(3L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("the delivery ends inside a JSON object that is never closed");
    }
}
