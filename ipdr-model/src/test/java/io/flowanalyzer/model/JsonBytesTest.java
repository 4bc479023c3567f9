package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each value {@link JsonBytes} writes, against what {@link RecordJson}'s Jackson generator writes for it. */
class JsonBytesTest {
    @Test
    void writesEveryCharAsJacksonDoes() throws Exception {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "a" + (char) c + "b";
            assertThat(written(j -> j.string(s))).as("char %04x", c).isEqualTo(jackson(s));
        }
        for (int c = 0; c <= 0xFFFF; c++) { // past 16 chars, where plain ASCII is copied whole
            String s = "0123456789abcdef" + (char) c + "xyz";
            assertThat(written(j -> j.string(s))).as("long, char %04x", c).isEqualTo(jackson(s));
        }
        for (String s : new String[] {"", "\ud83d\ude00", "\ud800", "x\udc00", "\ud83d", "देवनागरी", "é\u0800"}) {
            assertThat(written(j -> j.string(s))).as(s).isEqualTo(jackson(s));
        }
    }

    @Test
    void writesLongTextAsJacksonDoesWhereverItsOneSpecialCharIs() throws Exception {
        // past the writer's kept chars (512) and past what it keeps at all (64 K): both are grown or bypassed
        for (int length : new int[] {511, 512, 513, 5_000, 70_000}) {
            String plain = "0123456789abcdef".repeat(length / 16 + 1).substring(0, length);
            assertThat(written(j -> j.string(plain))).as("%d plain", length).isEqualTo(jackson(plain));
            for (char special : new char[] {'"', '\\', '\n', '\u0000', '\u001f', '\u007f', '?', 'é', '\ud83d', 'क'}) {
                for (int at : new int[] {0, length / 2, length - 1}) {
                    String s = plain.substring(0, at) + special + plain.substring(at + 1);
                    assertThat(written(j -> j.string(s)))
                            .as("%d with %04x at %d", length, (int) special, at)
                            .isEqualTo(jackson(s));
                }
            }
        }
    }

    @Test
    void writesNumbersAsJacksonDoes() throws Exception {
        for (long v : new long[] {0, -1, 7, Long.MIN_VALUE, Long.MAX_VALUE, 30_000_000_000L}) {
            assertThat(written(j -> j.number(v))).isEqualTo(jackson(v));
        }
        for (int v : new int[] {0, -1, 65535, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(written(j -> j.number(v))).isEqualTo(jackson(v));
        }
        double[] doubles = {
            0.0,
            -0.0,
            19.07,
            72.87,
            0.1,
            1e21,
            1e-7,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double v : doubles) {
            assertThat(written(j -> j.number(v))).as("%s", v).isEqualTo(jackson(v));
        }
    }

    @Test
    void writesInstantsAsJacksonDoesInsideAndOutsideTheFourDigitYears() throws Exception {
        for (String t : new String[] {
            "2024-03-01T00:00:00Z",
            "2024-03-01T04:45:30.123456789Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59.5Z"
        }) {
            Instant instant = Instant.parse(t);
            assertThat(written(j -> j.instant(instant))).as(t).isEqualTo(jackson(instant));
        }
    }

    @Test
    void separatesValuesWithCommasButNotAfterABracketOrName() {
        String json = written(j -> {
            j.startObject();
            j.field(JsonBytes.name("a"));
            j.startArray();
            j.number(1);
            j.nullValue();
            j.startObject();
            j.endObject();
            j.startArray();
            j.endArray();
            j.string("x");
            j.endArray();
            j.field(JsonBytes.name("b\""));
            j.raw("{\"c\":[]}".getBytes(StandardCharsets.UTF_8));
            j.endObject();
        });
        assertThat(json).isEqualTo("{\"a\":[1,null,{},[],\"x\"],\"b\\\"\":{\"c\":[]}}");
    }

    @Test
    void aRepeatedValueIsWrittenAsItsOwnTextEachTime() throws Exception {
        String[] values = {"isp-a", "isp-a", new String("isp-a"), "isp-b", "\"quoted\"", "isp-a", "", ""};
        for (String v : values) {
            assertThat(written(j -> j.repeated(v, 1))).as(v).isEqualTo(jackson(v));
        }
        assertThat(written(j -> j.repeated(null, 1))).isEqualTo("null");
        assertThat(written(j -> {
                    j.startArray();
                    j.repeated("a", 2);
                    j.repeated("a", 2);
                    j.repeated("b", 3);
                    j.endArray();
                }))
                .isEqualTo("[\"a\",\"a\",\"b\"]");
    }

    @Test
    void aWriterInUseIsNotHandedOutAgain() {
        JsonBytes outer = JsonBytes.open();
        outer.string("outer");
        JsonBytes inner = JsonBytes.open();
        assertThat(inner).isNotSameAs(outer);
        inner.string("x".repeat(100_000));
        assertThat(inner.close()).hasSize(100_002);
        assertThat(new String(outer.close(), StandardCharsets.UTF_8)).isEqualTo("\"outer\"");
        JsonBytes again = JsonBytes.open();
        assertThat(again).isSameAs(outer);
        again.string("y".repeat(100_000));
        again.close();
        assertThat(JsonBytes.open()).isSameAs(again);
    }

    private interface Writing {
        void write(JsonBytes j);
    }

    private static String written(Writing writing) {
        JsonBytes j = JsonBytes.open();
        writing.write(j);
        return new String(j.close(), StandardCharsets.UTF_8);
    }

    private static String jackson(Object value) throws Exception {
        return new String(RecordJson.mapper().writeValueAsBytes(value), StandardCharsets.UTF_8);
    }
}
