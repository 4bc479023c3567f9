package io.flowanalyzer.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryLinesTest {

    private static List<DeliveryLines.Line> read(byte[] bytes, int max) throws IOException {
        DeliveryLines lines = new DeliveryLines(new ByteArrayInputStream(bytes), max);
        List<DeliveryLines.Line> out = new ArrayList<>();
        DeliveryLines.Line line;
        while ((line = lines.next()) != null) {
            out.add(line);
        }
        return out;
    }

    @Test
    void keepsNumbersAndByteOffsetsAcrossCrlfAndBom() throws IOException {
        byte[] bytes = "\uFEFFa,b\r\nc,d\r\n\r\nlast".getBytes(StandardCharsets.UTF_8);
        List<DeliveryLines.Line> lines = read(bytes, 1024);
        assertThat(lines).extracting(DeliveryLines.Line::text).containsExactly("a,b", "c,d", "", "last");
        assertThat(lines).extracting(DeliveryLines.Line::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).extracting(DeliveryLines.Line::offset).containsExactly(0L, 8L, 13L, 15L);
    }

    @Test
    void endsWithoutAnEmptyLineAfterTheFinalNewline() throws IOException {
        assertThat(read("x\ny\n".getBytes(StandardCharsets.UTF_8), 10))
                .extracting(DeliveryLines.Line::text)
                .containsExactly("x", "y");
        assertThat(read(new byte[0], 10)).isEmpty();
    }

    @Test
    void cutsOverlongLinesAndMarksThem() throws IOException {
        List<DeliveryLines.Line> lines = read("0123456789\nok\n".getBytes(StandardCharsets.UTF_8), 4);
        assertThat(lines.get(0).text()).isEqualTo("0123");
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(1).text()).isEqualTo("ok");
        assertThat(lines.get(1).offset()).isEqualTo(11L);
        assertThat(lines.get(1).truncated()).isFalse();
    }

    @Test
    void replacesBytesThatAreNotUtf8() throws IOException {
        byte[] bytes = {'a', (byte) 0xff, 'b', '\n'};
        assertThat(read(bytes, 10).get(0).text()).isEqualTo("a\uFFFDb");
    }

    @Test
    void readsUtf16WithItsByteOrderMarkEitherWayRoundWithoutByteOffsets() throws IOException {
        String text = "MSISDN\tName\r\n919876543210\tराम\r\n";
        for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] body = text.getBytes(utf16);
            byte[] bom = utf16 == StandardCharsets.UTF_16LE
                    ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] bytes = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, bytes, 0, 2);
            System.arraycopy(body, 0, bytes, 2, body.length);
            List<DeliveryLines.Line> lines = read(bytes, 1024);
            assertThat(lines).extracting(DeliveryLines.Line::text).containsExactly("MSISDN\tName", "919876543210\tराम");
            assertThat(lines).extracting(DeliveryLines.Line::number).containsExactly(1L, 2L);
            assertThat(lines).extracting(DeliveryLines.Line::offsetOrNull).containsOnlyNulls();
        }
    }
}
