package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAT/CGNAT syslog of three vendors (Cisco ASA, Juniper MX CGNAT with port blocks, Juniper SRX
 * structured syslog) and FreeRADIUS detail files become binding events for {@code ipdr.nat}: detected
 * without a profile, every value normalised, every other line a reject with its reason, and
 * accepted + rejected = records read.
 */
class NatAndRadiusDeliveriesTest {
    private static final Clock CLOCK = Fixtures.CLOCK;
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final CollectingPublisher out = new CollectingPublisher();

    private Delivery read(String fixture, String isp) throws Exception {
        Path file = Fixtures.delivery(fixture);
        return new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(file, new DeliveryIntake.Source(isp, "inbox", fixture, null, IST))
                .delivery();
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void ciscoAsaTranslationsAndConnectionsBindPrivateToPublicAddresses() throws Exception {
        Delivery d = read("asa-nat.log", "acme-fixed");

        assertThat(d.profile()).isEqualTo("cisco-asa-nat");
        assertThat(d.profileDetected()).isTrue();
        assertThat(d.profileConfidence()).isEqualTo(1.0);
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(7L, 4L, 3L);
        assertThat(out.records).isEmpty();

        NatBinding built = out.bindings.get(0);
        assertThat(built.timestamp()).isEqualTo(at("2026-11-24T04:45:01Z"));
        assertThat(built.event().action()).isEqualTo(NatBinding.START);
        assertThat(built.event().start()).isEqualTo(at("2026-11-24T04:45:01Z"));
        assertThat(built.event().end()).isNull();
        assertThat(built.event().code()).isEqualTo("305011");
        assertThat(built.event().dataset()).isEqualTo("cisco-asa-nat");
        assertThat(built.source().ip()).isEqualTo("10.20.1.15");
        assertThat(built.source().port()).isEqualTo(51234);
        assertThat(built.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.10", 40123));
        assertThat(built.network().transport()).isEqualTo("tcp");
        assertThat(built.ipdr().binding().kind()).isEqualTo(NatBinding.TRANSLATION);
        assertThat(built.ipdr().profile()).isEqualTo("cisco-asa-nat@1");
        assertThat(built.ipdr().delivery().line()).isEqualTo(1L);
        assertThat(built.log().offset()).isZero();

        NatBinding connection = out.bindings.get(1);
        assertThat(connection.event().code()).isEqualTo("302013");
        assertThat(connection.destination()).isEqualTo(new SessionRecord.Destination("157.240.1.35", 443, null));
        assertThat(connection.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.10", 40123));

        NatBinding udp = out.bindings.get(2);
        assertThat(udp.source().ip()).isEqualTo("10.20.1.16");
        assertThat(udp.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.10", 40124));
        assertThat(udp.network().transport()).isEqualTo("udp");

        NatBinding teardown = out.bindings.get(3);
        assertThat(teardown.event().action()).isEqualTo(NatBinding.END);
        assertThat(teardown.event().end()).isEqualTo(at("2026-11-24T04:46:31Z"));
        assertThat(teardown.event().start()).isEqualTo(at("2026-11-24T04:45:01Z"));
        assertThat(teardown.event().duration()).isEqualTo(Duration.ofSeconds(90).toNanos());

        assertThat(out.rejects).extracting(Reject::line).containsExactly(4L, 5L, 7L);
        assertThat(out.rejects.get(0).error().message())
                .startsWith("not a NAT translation or port-block message that the cisco-asa-nat profile reads"
                        + " (%ASA-4-106023: Deny tcp src outside:198.51.100.7/4444");
        assertThat(out.rejects.get(1).error().message()).contains("(%ASA-6-302014: Teardown TCP connection 123456");
        assertThat(out.rejects.get(2).error().message())
                .isEqualTo("the private address '10.20.1.300' is not an IP address");
        assertThat(out.rejects.get(2).event().original()).contains("inside:10.20.1.300/5000");
    }

    @Test
    void juniperCgnatPortBlocksCarryTheirRangeAndAllocationTimeThroughInterimAndRelease() throws Exception {
        Delivery d = read("juniper-cgnat.log", "acme-mobile");

        assertThat(d.profile()).isEqualTo("juniper-cgnat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(6L, 5L, 1L);

        NatBinding alloc = out.bindings.get(0);
        // "Nov 24 09:58:10" has no year and no zone: the feed's zone, the year before the delivery arrived
        assertThat(alloc.timestamp()).isEqualTo(at("2026-11-24T04:28:10Z"));
        assertThat(alloc.ipdr().binding())
                .isEqualTo(new NatBinding.Binding(NatBinding.PORT_BLOCK, 10240, 10367, null, null, null));
        assertThat(alloc.source().ip()).isEqualTo("100.64.12.7");
        assertThat(alloc.source().port()).isNull();
        assertThat(alloc.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.77", null));
        assertThat(alloc.event().start()).isEqualTo(at("2026-11-24T04:28:10Z"));

        NatBinding open = out.bindings.get(1);
        assertThat(open.ipdr().binding().kind()).isEqualTo(NatBinding.TRANSLATION);
        assertThat(open.source().port()).isEqualTo(40001);
        assertThat(open.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.77", 10241));
        assertThat(open.destination()).isEqualTo(new SessionRecord.Destination("142.250.183.14", 443, null));

        NatBinding active = out.bindings.get(2);
        assertThat(active.event().action()).isEqualTo(NatBinding.INTERIM);
        assertThat(active.timestamp()).isEqualTo(at("2026-11-24T04:58:10Z"));
        assertThat(active.event().start()).isEqualTo(at("2026-11-24T04:28:10Z"));

        NatBinding close = out.bindings.get(3);
        assertThat(close.event().action()).isEqualTo(NatBinding.END);
        assertThat(close.event().end()).isEqualTo(at("2026-11-24T05:00:00Z"));
        assertThat(close.event().start()).isNull(); // the close line does not say when the session began

        NatBinding release = out.bindings.get(4);
        assertThat(release.event().start()).isEqualTo(at("2026-11-24T04:28:10Z"));
        assertThat(release.event().end()).isEqualTo(at("2026-11-24T05:32:45Z"));
        assertThat(release.event().duration())
                .isEqualTo(Duration.ofSeconds(3875).toNanos());

        assertThat(out.rejects.get(0).line()).isEqualTo(6L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("the port block 10367-10240 is not a range of ports");
    }

    @Test
    void juniperSrxStructuredSyslogIsReadByKeyWithBytesAndElapsedTimeOnClose() throws Exception {
        Delivery d = read("srx-rtflow.log", "acme-enterprise");

        assertThat(d.profile()).isEqualTo("juniper-srx-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(3L, 2L, 1L);

        NatBinding create = out.bindings.get(0);
        assertThat(create.timestamp()).isEqualTo(at("2026-11-24T04:45:01.120Z"));
        assertThat(create.source().ip()).isEqualTo("192.168.10.25");
        assertThat(create.source().port()).isEqualTo(50412);
        assertThat(create.source().nat()).isEqualTo(new SessionRecord.Nat("198.51.100.44", 31877));
        assertThat(create.destination()).isEqualTo(new SessionRecord.Destination("149.154.167.51", 443, null));
        assertThat(create.network().transport()).isEqualTo("tcp");

        NatBinding close = out.bindings.get(1);
        assertThat(close.event().end()).isEqualTo(at("2026-11-24T04:47:01.500Z"));
        assertThat(close.event().start()).isEqualTo(at("2026-11-24T04:45:01.500Z"));
        assertThat(close.source().bytes()).isEqualTo(6120L);
        assertThat(close.destination().bytes()).isEqualTo(80211L);

        assertThat(out.rejects.get(0).error().message()).contains("RT_FLOW_SESSION_DENY");
    }

    @Test
    void h3cComware5UserLogsOpenReportAndCloseTranslationsWithTheirBracketedTimes() throws Exception {
        Delivery d = read("h3c-userlog-nat.log", "acme-broadband");

        assertThat(d.profile()).isEqualTo("h3c-userlog-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(6L, 4L, 2L);

        NatBinding created = out.bindings.get(0);
        assertThat(created.event().code()).isEqualTo("USERLOG_NAT_CREATED");
        assertThat(created.event().action()).isEqualTo(NatBinding.START);
        // "10:15:04:72": the device's clock with hundredths after a colon, IST feed
        assertThat(created.timestamp()).isEqualTo(at("2026-11-24T04:45:04.720Z"));
        assertThat(created.event().start()).isEqualTo(at("2026-11-24T04:45:03Z"));
        assertThat(created.event().end()).isNull(); // 0000/00/00 00:00:00: still open
        assertThat(created.source().ip()).isEqualTo("10.20.30.40");
        assertThat(created.source().port()).isEqualTo(51234);
        assertThat(created.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.90", 12288));
        assertThat(created.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, null));
        assertThat(created.network().transport()).isEqualTo("tcp");

        NatBinding active = out.bindings.get(1);
        assertThat(active.event().action()).isEqualTo(NatBinding.INTERIM);
        assertThat(active.timestamp()).isEqualTo(at("2026-11-24T05:15:04.100Z"));
        assertThat(active.event().start()).isEqualTo(at("2026-11-24T04:45:03Z"));
        assertThat(active.event().end()).isNull();

        NatBinding over = out.bindings.get(2);
        assertThat(over.event().code()).isEqualTo("USERLOG_NAT_OVER");
        assertThat(over.event().action()).isEqualTo(NatBinding.END);
        assertThat(over.event().start()).isEqualTo(at("2026-11-24T04:45:03Z"));
        assertThat(over.event().end()).isEqualTo(at("2026-11-24T05:20:09Z"));
        assertThat(over.event().duration()).isEqualTo(Duration.ofSeconds(2106).toNanos());

        // as a syslog server writes it: a priority, no sequence number, no hundredths
        NatBinding aged = out.bindings.get(3);
        assertThat(aged.timestamp()).isEqualTo(at("2026-11-24T05:21:00Z"));
        assertThat(aged.event().action()).isEqualTo(NatBinding.END);
        assertThat(aged.network().transport()).isEqualTo("udp");
        assertThat(aged.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.90", 12300));

        assertThat(out.rejects).extracting(Reject::line).containsExactly(5L, 6L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("not a NAT translation or port-block message that the h3c-userlog-nat profile reads"
                        + " (BRAS-01 SHELL/5/SHELL_LOGIN: admin logged in from 192.0.2.5.)");
        assertThat(out.rejects.get(1).error().message())
                .isEqualTo("the binding ends (2026-11-24T05:24:00Z) before it starts (2026-11-24T05:25:00Z)");
    }

    @Test
    void h3cComware7SessionLogsReadTheirUtcBeginAndEndTimesAndByteCounts() throws Exception {
        Delivery d = read("h3c-comware-nat.log", "acme-mobile");

        assertThat(d.profile()).isEqualTo("h3c-comware-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(5L, 3L, 2L);

        NatBinding created = out.bindings.get(0);
        assertThat(created.event().code()).isEqualTo("SESSION_CREATED");
        assertThat(created.event().action()).isEqualTo(NatBinding.START);
        // the header is the device's local clock (IST), BeginTime_e the same moment in UTC
        assertThat(created.timestamp()).isEqualTo(at("2026-11-24T10:45:43Z"));
        assertThat(created.event().start()).isEqualTo(at("2026-11-24T10:45:43Z"));
        assertThat(created.event().end()).isNull();
        assertThat(created.source().ip()).isEqualTo("100.64.20.12");
        assertThat(created.source().port()).isEqualTo(40912);
        assertThat(created.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.188", 9460));
        assertThat(created.source().bytes()).isEqualTo(60L);
        assertThat(created.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, 0L));
        assertThat(created.network().transport()).isEqualTo("tcp");

        NatBinding closed = out.bindings.get(1);
        assertThat(closed.event().code()).isEqualTo("SESSION_CLOSED");
        assertThat(closed.event().action()).isEqualTo(NatBinding.END);
        assertThat(closed.event().start()).isEqualTo(at("2026-11-24T10:45:43Z"));
        assertThat(closed.event().end()).isEqualTo(at("2026-11-24T10:55:00Z"));
        assertThat(closed.source().bytes()).isEqualTo(920L);
        assertThat(closed.destination().bytes()).isEqualTo(3477L);

        // NAT_IPV4_MATCH, without byte counts, thousandths in the header
        NatBinding match = out.bindings.get(2);
        assertThat(match.timestamp()).isEqualTo(at("2026-11-24T11:00:00.123Z"));
        assertThat(match.event().start()).isEqualTo(at("2026-11-24T11:00:00Z"));
        assertThat(match.network().transport()).isEqualTo("udp");
        assertThat(match.source().bytes()).isNull();
        assertThat(match.destination()).isEqualTo(new SessionRecord.Destination("8.8.8.8", 53, null));

        assertThat(out.rejects).extracting(Reject::line).containsExactly(4L, 5L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("the connection was not translated (its public address and port are its private ones),"
                        + " so it binds nothing");
        assertThat(out.rejects.get(1).error().message()).isEqualTo("the start time '13452026999999' is not a time");
    }

    @Test
    void fortigateTrafficLogsBindTranslatedSessionsAndSayWhichWereNotTranslated() throws Exception {
        Delivery d = read("fortigate-traffic.log", "acme-enterprise");

        assertThat(d.profile()).isEqualTo("fortigate-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(3L, 2L, 1L);

        NatBinding closed = out.bindings.get(0);
        assertThat(closed.event().action()).isEqualTo(NatBinding.END);
        assertThat(closed.event().end()).isEqualTo(at("2026-11-24T04:45:30Z")); // device local time, IST feed
        assertThat(closed.event().start()).isEqualTo(at("2026-11-24T04:45:00Z"));
        assertThat(closed.source().ip()).isEqualTo("192.168.1.20");
        assertThat(closed.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.5", 40000));
        assertThat(closed.source().bytes()).isEqualTo(1200L);
        assertThat(closed.destination()).isEqualTo(new SessionRecord.Destination("149.154.167.51", 443, 5000L));
        assertThat(closed.network().transport()).isEqualTo("tcp");

        NatBinding started = out.bindings.get(1);
        assertThat(started.event().action()).isEqualTo(NatBinding.START);
        assertThat(started.event().code()).isEqualTo("traffic-start");
        assertThat(started.network().transport()).isEqualTo("udp");

        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("the traffic message names no public address, so it binds nothing");
    }

    @Test
    void aRadacctExportIsReadAsBindingsOpenOrClosed() throws Exception {
        Delivery d = read("radacct.csv", "acme-mobile");

        assertThat(d.profile()).isEqualTo("radacct-csv");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(3L, 2L, 1L);
        assertThat(out.records).isEmpty();

        NatBinding closed = out.bindings.get(0);
        assertThat(closed.event().action()).isEqualTo(NatBinding.END);
        assertThat(closed.event().start()).isEqualTo(at("2026-11-24T04:30:00Z"));
        assertThat(closed.event().end()).isEqualTo(at("2026-11-24T05:30:00Z"));
        assertThat(closed.timestamp()).isEqualTo(at("2026-11-24T05:30:00Z"));
        assertThat(closed.source().ip()).isEqualTo("100.64.12.7");
        assertThat(closed.source().bytes()).isEqualTo(4294968296L);
        assertThat(closed.ipdr().aParty().subscriberId()).isEqualTo("9198765@jio.example");
        assertThat(closed.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(closed.ipdr().binding())
                .isEqualTo(new NatBinding.Binding(NatBinding.RADIUS, null, null, "5F3A0001", "192.0.2.10", null));

        NatBinding open = out.bindings.get(1); // no stop time: still open, whatever its session time says
        assertThat(open.event().action()).isEqualTo(NatBinding.START);
        assertThat(open.event().end()).isNull();
        assertThat(open.timestamp()).isEqualTo(at("2026-11-24T05:00:00Z"));

        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("framedipaddress '100.64.12.300' is not an IP address");
    }

    @Test
    void anIpLookupReportIsReadAsAllocationsBelowItsBannerAndAboveItsFooter() throws Exception {
        Delivery d = read("ip-lookup.csv", "acme-dsl");

        assertThat(d.profile()).isEqualTo("in-ip-lookup");
        assertThat(d.preambleLines()).isEqualTo(3);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(4L, 2L, 2L);

        NatBinding first = out.bindings.get(0);
        assertThat(first.ipdr().binding().kind()).isEqualTo(NatBinding.ALLOCATION);
        assertThat(first.event().action()).isEqualTo(NatBinding.END);
        assertThat(first.event().start()).isEqualTo(at("2026-11-24T03:30:00Z")); // 09:00 IST
        assertThat(first.event().end()).isEqualTo(at("2026-11-24T07:00:00Z"));
        assertThat(first.source().ip()).isEqualTo("203.0.113.90");
        assertThat(first.ipdr().aParty().subscriberId()).isEqualTo("dsl-user-0042");
        assertThat(out.bindings.get(1).ipdr().aParty().subscriberId()).isEqualTo("dsl-user-0077");

        assertThat(out.rejects).extracting(Reject::line).containsExactly(7L, 8L);
        assertThat(out.rejects.get(0).error().message()).startsWith("F DATE '31/11/2026' is not a date");
    }

    @Test
    void linuxConntrackEventsBindTheReplyTuplesAddressAndLeaveUntranslatedConnectionsOut() throws Exception {
        Delivery d = read("conntrack-events.log", "acme-home");

        assertThat(d.profile()).isEqualTo("linux-conntrack");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(5L, 3L, 2L);
        assertThat(out.bindings)
                .extracting(b -> b.event().action())
                .containsExactly(NatBinding.START, NatBinding.INTERIM, NatBinding.END);
        NatBinding created = out.bindings.get(0);
        assertThat(created.timestamp()).isEqualTo(at("2026-11-24T04:45:30.123Z"));
        assertThat(created.source().ip()).isEqualTo("192.168.50.20");
        assertThat(created.source().port()).isEqualTo(51234);
        assertThat(created.source().nat()).isEqualTo(new SessionRecord.Nat("203.0.113.5", 40001));
        assertThat(created.destination()).isEqualTo(new SessionRecord.Destination("142.250.183.14", 443, null));
        assertThat(created.network().transport()).isEqualTo("tcp");
        assertThat(out.bindings.get(2).event().end()).isEqualTo(at("2026-11-24T04:46:30.500Z"));

        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("the connection was not translated (its public address and port are its private ones),"
                        + " so it binds nothing");
        assertThat(out.rejects.get(1).error().message()).startsWith("not a NAT translation or port-block message");
    }

    @Test
    void radiusDetailRecordsBindFramedAddressesToSubscribersAndBadRecordsAreRejectedWhole() throws Exception {
        Delivery d = read("radius-detail.log", "acme-mobile");

        assertThat(d.profile()).isEqualTo("freeradius-detail");
        // five records (blocks of lines), not 39 lines: the unit of a detail file is the record
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(5L, 3L, 2L);

        NatBinding start = out.bindings.get(0);
        assertThat(start.timestamp()).isEqualTo(at("2026-11-24T04:30:00Z")); // "10:00:00 IST" in the feed's zone
        assertThat(start.event().action()).isEqualTo(NatBinding.START);
        assertThat(start.event().code()).isEqualTo("Start");
        assertThat(start.source().ip()).isEqualTo("100.64.12.7");
        assertThat(start.ipdr().aParty())
                .isEqualTo(new SessionRecord.AParty(
                        "9198765@jio.example", "919876543210", "404450000012345", "356938035643809", null, null));
        assertThat(start.ipdr().binding())
                .isEqualTo(new NatBinding.Binding(NatBinding.RADIUS, null, null, "5F3A0001", "192.0.2.10", null));
        assertThat(start.ipdr().delivery().line()).isEqualTo(1L);
        assertThat(start.event().original()).startsWith("Tue Nov 24 10:00:00 2026\n\tAcct-Status-Type = Start");

        NatBinding interim = out.bindings.get(1);
        assertThat(interim.event().action()).isEqualTo(NatBinding.INTERIM);
        assertThat(interim.timestamp()).isEqualTo(at("2026-11-24T05:00:00Z"));
        assertThat(interim.event().start()).isEqualTo(at("2026-11-24T04:30:00Z"));
        assertThat(interim.ipdr().delivery().line()).isEqualTo(13L);

        NatBinding stop = out.bindings.get(2);
        assertThat(stop.event().start()).isEqualTo(at("2026-11-24T04:30:00Z"));
        assertThat(stop.event().end()).isEqualTo(at("2026-11-24T05:30:00Z"));
        assertThat(stop.ipdr().binding().ipv6Prefix()).isEqualTo("2409:4042:ab12:3400::/56");
        assertThat(stop.source().bytes()).isEqualTo((1L << 32) + 1000);
        assertThat(stop.destination().bytes()).isEqualTo(52000L);

        assertThat(out.rejects).extracting(Reject::line).containsExactly(35L, 39L);
        assertThat(out.rejects.get(0).error().message())
                .isEqualTo("an Accounting-On record: the NAS 192.0.2.10 restarted, which ends every session it had"
                        + " open; it binds no address");
        assertThat(out.rejects.get(1).error().message())
                .isEqualTo("the record has no Framed-IP-Address or IPv6 prefix, so it binds no address");
        assertThat(out.rejects.get(1).event().original()).contains("Calling-Station-Id = \"aa-bb-cc-dd-ee-ff\"");
    }

    @Test
    void theSameBindingDeliveredTwiceKeepsItsIdAndTheDocumentIsShapedForIpdrNat(@TempDir Path dir) throws Exception {
        read("asa-nat.log", "acme-fixed");
        String line = Files.readAllLines(Fixtures.delivery("asa-nat.log")).get(0);
        Path again = Files.writeString(dir.resolve("again.log"), line + "\n");
        new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .read(again, new DeliveryIntake.Source("acme-fixed", "inbox", "again.log", null, IST));

        assertThat(out.bindings.get(4).id()).isEqualTo(out.bindings.get(0).id());
        String json = new String(RecordJson.toBytes(out.bindings.get(0)));
        assertThat(json)
                .contains("\"@timestamp\":\"2026-11-24T04:45:01Z\"")
                .contains("\"nat\":{\"ip\":\"203.0.113.10\",\"port\":40123}")
                .contains("\"binding\":{\"kind\":\"translation\"}")
                .doesNotContain("\"id\":null");
    }
}
