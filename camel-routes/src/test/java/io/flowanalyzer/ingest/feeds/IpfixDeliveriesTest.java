package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector's file of IPFIX messages (RFC 5655) holding RFC 8158 NAT events: templates first, then data
 * sets; each record is a line, NAT44 session creates and deletes and port-block allocations become
 * bindings, events that bind nothing and a data set whose template the file never defined are rejects, and
 * a file cut inside a message keeps the records before the cut. The committed fixture is this builder's
 * output (so the bytes are explained here).
 */
class IpfixDeliveriesTest {
    private final CollectingPublisher out = new CollectingPublisher();

    @TempDir
    Path dir;

    private Delivery read(Path file, String profile) throws Exception {
        return new DeliveryIntake(out, FormatProfiles.builtIn(), Fixtures.CLOCK)
                .read(
                        file,
                        new DeliveryIntake.Source(
                                "cgnat-isp", "inbox", file.getFileName().toString(), profile, null))
                .delivery();
    }

    @Test
    void theFixtureIsThisBuildersFile() throws Exception {
        assertThat(Files.readAllBytes(Fixtures.delivery("cgnat-nat-events.ipfix")))
                .isEqualTo(natEvents());
    }

    @Test
    void natEventsBecomeBindingsDetectedFromTheBytes() throws Exception {
        Delivery d = read(Files.write(dir.resolve("cgnat.ipfix"), natEvents()), null);

        assertThat(d.profile()).isEqualTo("ipfix-nat");
        assertThat(d.profileDetected()).isTrue();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(6L, 4L, 2L);

        NatBinding create = out.bindings.get(0);
        assertThat(create.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:00:01.250Z"));
        assertThat(create.event().action()).isEqualTo(NatBinding.START);
        assertThat(create.event().code()).isEqualTo("nat44-create");
        assertThat(create.event().start()).isEqualTo(Instant.parse("2024-03-01T04:00:01.250Z"));
        assertThat(create.source().ip()).isEqualTo("10.0.0.5");
        assertThat(create.source().port()).isEqualTo(40000);
        assertThat(create.source().nat()).isEqualTo(new SessionRecord.Nat("100.64.0.9", 2001));
        assertThat(create.destination().ip()).isEqualTo("157.240.1.1");
        assertThat(create.destination().port()).isEqualTo(443);
        assertThat(create.network().transport()).isEqualTo("tcp");
        assertThat(create.ipdr().delivery().line()).isEqualTo(2L);
        assertThat(create.event().original())
                .startsWith("time=2024-03-01T04:00:01.250Z ipfix domain=7 template=256 natEvent=4"
                        + " observationTimeMilliseconds=2024-03-01T04:00:01.250Z sourceIPv4Address=10.0.0.5 ")
                .endsWith(" protocolIdentifier=6 e9.100=0xbeef");

        NatBinding delete = out.bindings.get(1);
        assertThat(delete.event().action()).isEqualTo(NatBinding.END);
        assertThat(delete.event().code()).isEqualTo("nat44-delete");
        assertThat(delete.event().end()).isEqualTo(Instant.parse("2024-03-01T04:05:00Z"));
        assertThat(delete.source().nat()).isEqualTo(new SessionRecord.Nat("100.64.0.9", 2001));

        NatBinding block = out.bindings.get(2);
        assertThat(block.event().code()).isEqualTo("port-block-allocate");
        assertThat(block.event().action()).isEqualTo(NatBinding.START);
        assertThat(block.ipdr().binding())
                .isEqualTo(new NatBinding.Binding(NatBinding.PORT_BLOCK, 2048, 2175, null, null, null));
        assertThat(block.source().ip()).isEqualTo("10.0.0.6");
        assertThat(block.source().nat()).isEqualTo(new SessionRecord.Nat("100.64.0.9", null));
        assertThat(block.event().original()).contains(" userName=\"cust-77\"");
        assertThat(out.bindings.get(3).event().code()).isEqualTo("port-block-release");

        assertThat(out.rejects).extracting(Reject::line).containsExactly(1L, 4L);
        assertThat(out.rejects.get(0).error().message())
                .contains("ipfix: template 300 is not defined before its data set (8 bytes, domain 7)");
        assertThat(out.rejects.get(1).error().message())
                .startsWith("not a NAT translation or port-block message that the ipfix-nat profile reads")
                .contains("(ipfix domain=7 template=256 natEvent=3 ");
    }

    @Test
    void aFileCutInsideAMessageKeepsTheRecordsBeforeAndIsQuarantined() throws Exception {
        byte[] whole = natEvents();
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        Delivery d = read(Files.write(dir.resolve("cut.ipfix"), cut), "ipfix-nat");

        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).startsWith("the IPFIX file ends inside message 2 (a truncated file)");
        // message 1 held the templates and the undecodable set; message 2 is lost whole
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(1L, 0L, 1L);
    }

    @Test
    void aGzippedFileIsReadAsTheSameRecords() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(natEvents());
        }
        Path file = Files.write(dir.resolve("cgnat.ipfix.gz"), zipped.toByteArray());
        List<DeliveryIntake.Outcome> read = new DeliveryIntake(out, FormatProfiles.builtIn(), Fixtures.CLOCK)
                .readAll(file, new DeliveryIntake.Source("cgnat-isp", "inbox", "cgnat.ipfix.gz", null, null));
        assertThat(read).hasSize(1);
        Delivery d = read.get(0).delivery();

        assertThat(d.profile()).isEqualTo("ipfix-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(6L, 4L, 2L);
    }

    @Test
    void aWithdrawnTemplateReadsNoMoreAndOptionsRecordsAreRejectsThatSaySo() throws Exception {
        long export = Instant.parse("2024-03-01T04:10:00Z").getEpochSecond();
        ByteBuffer template = ByteBuffer.allocate(64);
        template.putShort((short) 256).putShort((short) 2);
        fields(template, 8, 4, 230, 1);
        ByteBuffer options = ByteBuffer.allocate(64); // exporter metadata: scope observationDomainId, then a count
        options.putShort((short) 258).putShort((short) 3).putShort((short) 1);
        fields(options, 149, 4, 41, 8);
        options.putShort((short) 333).putShort((short) 2); // an element the reader does not name
        ByteBuffer optionsRecord =
                ByteBuffer.allocate(14).putInt(7).putLong(123).putShort((short) 0xabcd);
        ByteBuffer withdrawal = ByteBuffer.allocate(4).putShort((short) 256).putShort((short) 0);
        ByteBuffer record = ByteBuffer.allocate(5).put(new byte[] {10, 0, 0, 5}).put((byte) 4);
        byte[] file = concat(
                message(export, 1, set(2, template), set(3, options), set(258, optionsRecord)),
                message(export, 2, set(2, withdrawal), set(256, record)));

        Delivery d = read(Files.write(dir.resolve("withdrawn.ipfix"), file), "ipfix-nat");

        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(2L, 0L, 2L);
        assertThat(out.rejects.get(0).raw())
                .isEqualTo("time=2024-03-01T04:10:00Z ipfix domain=7 options-template=258 observationDomainId=7"
                        + " exportedMessageTotalCount=123 ie333=0xabcd");
        assertThat(out.rejects.get(1).error().message())
                .contains("ipfix: template 256 is not defined before its data set (5 bytes, domain 7)");
    }

    /** Two messages of observation domain 7: the templates and an undefined set, then the NAT events. */
    static byte[] natEvents() {
        long export = Instant.parse("2024-03-01T04:10:00Z").getEpochSecond();
        ByteBuffer templates = ByteBuffer.allocate(512);
        // template 256: a NAT44 session event, with one enterprise element (Cisco's 9) the reader does not know
        templates.putShort((short) 256).putShort((short) 10);
        fields(templates, 323, 8, 8, 4, 7, 2, 225, 4, 227, 2, 12, 4, 11, 2, 4, 1, 230, 1);
        templates.putShort((short) (0x8000 | 100)).putShort((short) 2).putInt(9);
        // template 257: a port block, with a variable-length user name
        templates.putShort((short) 257).putShort((short) 7);
        fields(templates, 323, 8, 8, 4, 225, 4, 361, 2, 362, 2, 230, 1, 371, 0xffff);
        ByteBuffer undefined = ByteBuffer.allocate(8).putLong(0x0102030405060708L);
        byte[] first = message(export, 1, set(2, templates), set(300, undefined));

        ByteBuffer sessions = ByteBuffer.allocate(512);
        session(sessions, "2024-03-01T04:00:01.250Z", 4);
        session(sessions, "2024-03-01T04:05:00Z", 5);
        session(sessions, "2024-03-01T04:06:00Z", 3); // addresses exhausted: binds nothing
        ByteBuffer blocks = ByteBuffer.allocate(512);
        block(blocks, "2024-03-01T04:01:00Z", 16, "cust-77");
        block(blocks, "2024-03-01T04:09:00Z", 17, "cust-77");
        blocks.put(new byte[3]); // padding after the last record
        byte[] second = message(export, 2, set(256, sessions), set(257, blocks));

        return concat(first, second);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void session(ByteBuffer b, String at, int natEvent) {
        b.putLong(Instant.parse(at).toEpochMilli());
        b.put(new byte[] {10, 0, 0, 5}).putShort((short) 40000);
        b.put(new byte[] {100, 64, 0, 9}).putShort((short) 2001);
        b.put(new byte[] {(byte) 157, (byte) 240, 1, 1}).putShort((short) 443);
        b.put((byte) 6).put((byte) natEvent);
        b.putShort((short) 0xbeef);
    }

    private static void block(ByteBuffer b, String at, int natEvent, String user) {
        b.putLong(Instant.parse(at).toEpochMilli());
        b.put(new byte[] {10, 0, 0, 6});
        b.put(new byte[] {100, 64, 0, 9});
        b.putShort((short) 2048).putShort((short) 2175);
        b.put((byte) natEvent);
        b.put((byte) user.length()).put(user.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Template fields of IANA elements: element number, length, element number, length, … */
    private static void fields(ByteBuffer b, int... idsAndLengths) {
        for (int i = 0; i < idsAndLengths.length; i += 2) {
            b.putShort((short) idsAndLengths[i]).putShort((short) idsAndLengths[i + 1]);
        }
    }

    private static byte[] set(int id, ByteBuffer content) {
        int length = content.position();
        ByteBuffer set = ByteBuffer.allocate(4 + length).putShort((short) id).putShort((short) (4 + length));
        set.put(content.array(), 0, length);
        return set.array();
    }

    private static byte[] message(long exportTime, int sequence, byte[]... sets) {
        int length = 16 + Arrays.stream(sets).mapToInt(s -> s.length).sum();
        ByteBuffer m = ByteBuffer.allocate(length)
                .putShort((short) 10)
                .putShort((short) length)
                .putInt((int) exportTime)
                .putInt(sequence)
                .putInt(7);
        for (byte[] s : sets) {
            m.put(s);
        }
        return m.array();
    }
}
