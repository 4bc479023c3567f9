package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Flow exports as sensors write them: Zeek's conn.log and nfdump's CSV, detected from their headers. */
class FlowExportsTest {
    private static final Clock CLOCK = Fixtures.CLOCK;

    private static Path fixture(String name) throws Exception {
        return Fixtures.delivery(name);
    }

    @Test
    void readsAZeekConnLogBelowItsHashLines() throws Exception {
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(fixture("zeek-conn.log"), new DeliveryIntake.Source("sensor-1", "inbox", "conn.log", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("zeek-conn");
        assertThat(d.preambleLines()).isEqualTo(6);
        assertThat(d.lines()).isEqualTo(5);
        assertThat(d.accepted()).isEqualTo(2);

        SessionRecord tcp = out.records.get(0);
        assertThat(tcp.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
        assertThat(tcp.event().end()).isEqualTo(Instant.parse("2024-03-01T10:00:12.469Z"));
        assertThat(tcp.source()).isEqualTo(new SessionRecord.Source("10.0.0.5", 52344, null, 1200L));
        assertThat(tcp.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, 56000L));
        assertThat(tcp.network().transport()).isEqualTo("tcp");
        assertThat(tcp.ipdr().aParty()).isNull();

        SessionRecord unset = out.records.get(1);
        assertThat(unset.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:01:00.500Z"));
        assertThat(unset.event().end()).isNull();
        assertThat(unset.source().bytes()).isNull();
        assertThat(unset.destination().ip()).isEqualTo("ff02::fb");

        assertThat(out.rejects)
                .extracting(Reject::reason)
                .containsExactly(
                        "a banner, footer, comment or rule line of the report, not a record",
                        "id.orig_p '99999' is not a port number (0-65535)",
                        "a banner, footer, comment or rule line of the report, not a record");
    }

    @Test
    void readsAnNfdumpExportAndStopsAtItsSummary() throws Exception {
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(fixture("nfdump-1.6.csv"), new DeliveryIntake.Source("isp-x", "inbox", "flows.csv", null, null))
                .delivery();
        assertThat(d.profile()).isEqualTo("nfdump-csv");
        assertThat(d.lines()).isEqualTo(5);
        assertThat(d.accepted()).isEqualTo(2);
        assertThat(d.rejected()).isEqualTo(3);
        SessionRecord first = out.records.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(first.event().end()).isEqualTo(Instant.parse("2024-03-01T10:00:12Z"));
        assertThat(first.source()).isEqualTo(new SessionRecord.Source("10.0.0.5", 52344, null, 1200L));
        assertThat(first.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, 56000L));
        assertThat(first.network().transport()).isEqualTo("tcp");
        assertThat(out.rejects)
                .extracting(Reject::reason)
                .containsOnly("part of the report's closing summary, not a record");
    }
}
