package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowanalyzer.model.SessionRecord.AParty;
import io.flowanalyzer.model.SessionRecord.Access;
import io.flowanalyzer.model.SessionRecord.As;
import io.flowanalyzer.model.SessionRecord.Attribution;
import io.flowanalyzer.model.SessionRecord.BParty;
import io.flowanalyzer.model.SessionRecord.Cell;
import io.flowanalyzer.model.SessionRecord.Delivery;
import io.flowanalyzer.model.SessionRecord.Destination;
import io.flowanalyzer.model.SessionRecord.Event;
import io.flowanalyzer.model.SessionRecord.FileRef;
import io.flowanalyzer.model.SessionRecord.Flag;
import io.flowanalyzer.model.SessionRecord.Geo;
import io.flowanalyzer.model.SessionRecord.GeoPoint;
import io.flowanalyzer.model.SessionRecord.Hash;
import io.flowanalyzer.model.SessionRecord.Ipdr;
import io.flowanalyzer.model.SessionRecord.Log;
import io.flowanalyzer.model.SessionRecord.LogFile;
import io.flowanalyzer.model.SessionRecord.Nat;
import io.flowanalyzer.model.SessionRecord.Network;
import io.flowanalyzer.model.SessionRecord.Organization;
import io.flowanalyzer.model.SessionRecord.Source;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The field-by-field JSON of session records against Jackson's general handling of the same records (a
 * mapper as {@link RecordJson}'s, without the field writer): the same bytes written, the same record read,
 * the same refusals.
 */
class SessionRecordJsonTest {
    private static final ObjectMapper GENERAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(InstantText.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void writesTheBytesJacksonsAnnotationsGiveForEveryShapeOfRecord() throws Exception {
        Random random = new Random(20261207);
        for (int i = 0; i < 3_000; i++) {
            SessionRecord record = randomRecord(random, i % 3 == 0 ? 0.0 : 0.35);
            byte[] general = GENERAL.writeValueAsBytes(record);
            assertThat(new String(RecordJson.toBytes(record), StandardCharsets.UTF_8))
                    .as("record %d", i)
                    .isEqualTo(new String(general, StandardCharsets.UTF_8));
            if (i % 10 == 0) { // inside something else Jackson writes, as bytes and as text
                assertThat(RecordJson.toBytes(List.of(record))).isEqualTo(GENERAL.writeValueAsBytes(List.of(record)));
                assertThat(RecordJson.toJson(record)).isEqualTo(new String(general, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void writesTheAttributionUpdateAsJacksonsTreeOfItGives() throws Exception {
        Random random = new Random(20261208);
        int withDetail = 0;
        for (int i = 0; i < 3_000; i++) {
            SessionRecord record = randomRecord(random, i % 3 == 0 ? 0.0 : 0.35);
            AParty party =
                    record.ipdr() == null || i % 7 == 0 ? null : record.ipdr().aParty();
            Attribution attribution = record.ipdr() == null || record.ipdr().attribution() == null
                    ? new Attribution(i % 2 == 0 ? "pending" : "unresolved", null, null)
                    : record.ipdr().attribution();
            withDetail += attribution.detail() == null ? 0 : 1;
            assertThat(new String(RecordJson.attributionUpdate(party, attribution), StandardCharsets.UTF_8))
                    .as("record %d", i)
                    .isEqualTo(new String(treeUpdate(party, attribution), StandardCharsets.UTF_8));
        }
        assertThat(withDetail).isGreaterThan(100);
    }

    /** The update as the correlator built it before, through Jackson's tree. */
    private static byte[] treeUpdate(AParty party, Attribution attribution) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode doc = GENERAL.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode ipdr = doc.putObject("ipdr");
        ipdr.set("a_party", GENERAL.valueToTree(party));
        ipdr.set("attribution", GENERAL.valueToTree(attribution));
        com.fasterxml.jackson.databind.node.ObjectNode a =
                (com.fasterxml.jackson.databind.node.ObjectNode) ipdr.get("attribution");
        for (String field : new String[] {"evidence", "candidates", "detail"}) {
            if (!a.has(field)) {
                a.putNull(field);
            }
        }
        return GENERAL.writeValueAsBytes(doc);
    }

    @Test
    void readsWhatItWritesFieldByFieldToTheRecordJacksonReads() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            SessionRecord record = randomRecord(random, i % 3 == 0 ? 0.0 : 0.35);
            byte[] json = RecordJson.toBytes(record);
            SessionRecord expected = GENERAL.readValue(json, SessionRecord.class);
            if (hasDetail(record)) {
                // the candidates' detail goes to the general reader, with the whole record
                assertThatThrownBy(() -> SessionRecordJson.readFieldByField(RecordJson.mapper(), json))
                        .isInstanceOf(java.io.IOException.class);
            } else {
                assertThat(SessionRecordJson.readFieldByField(RecordJson.mapper(), json))
                        .as("record %d", i)
                        .isEqualTo(expected)
                        .isEqualTo(record);
            }
            assertThat(RecordJson.fromBytes(json, SessionRecord.class)).isEqualTo(expected);
        }
    }

    @Test
    void takesFieldsInAnyOrderWithUnknownOnesAndExplicitNulls() throws Exception {
        String json =
                """
                {"extra":{"deep":[1,{"x":null}]},"file":{"hash":null},"log":{"offset":7,"file":{"path":null}},
                 "ipdr":{"flags":[null,{"score":1,"name":"watchlist"}],"risk_score":0.5,"a_party":null,
                 "attribution":{"evidence":["e1",null],"method":"nat","candidates":[]}},
                 "destination":{"geo":{"location":{"lon":72.5,"lat":19}},"as":{"organization":{"name":null}}},
                 "source":{"nat":null,"port":null,"ip":"10.0.0.1"},"network":{"transport":"udp"},
                 "event":{"original":"a\\tb\\u0000c \\ud83d\\ude00","id":"x","start":"2024-03-01T04:45:30.5Z"},
                 "@timestamp":"2024-03-01T04:45:30.123456789Z"}
                """;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        SessionRecord fast = SessionRecordJson.readFieldByField(RecordJson.mapper(), bytes);
        assertThat(fast).isEqualTo(GENERAL.readValue(bytes, SessionRecord.class));
        assertThat(fast.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30.123456789Z"));
        assertThat(fast.event().original()).isEqualTo("a\tb\u0000c \ud83d\ude00");
        assertThat(fast.ipdr().flags()).containsExactly(null, new Flag("watchlist", null, 1.0));
        assertThat(fast.ipdr().attribution().evidence()).containsExactly("e1", null);
        assertThat(fast.destination().geo().location()).isEqualTo(new GeoPoint(19, 72.5));
        assertThat(fast.destination().as().organization()).isEqualTo(new Organization(null));
        assertThat(fast.file()).isEqualTo(new FileRef(null));
    }

    @Test
    void takesNamesWrittenWithEscapesOrCutShortAndUnknownOnesBetweenKnownOnes() throws Exception {
        String json =
                """
                {"@timestamp":"2024-03-01T04:45:30Z","event":{"id":"x","st":1,"start":"2024-03-01T04:45:30Z",
                 "startx":2,"end":"2024-03-01T04:46:30Z"},"source":{"\\u0069p":"10.0.0.1","ip2":"no","port":5},
                 "destination":{"ip":"1.1.1.1","i":3,"port":443,"port":443}}
                """;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        // a field twice leaves the reader's shape
        assertThatThrownBy(() -> SessionRecordJson.readFieldByField(RecordJson.mapper(), bytes))
                .isInstanceOf(java.io.IOException.class);
        byte[] once = json.replace(",\"port\":443}}", "}}").getBytes(StandardCharsets.UTF_8);
        SessionRecord fast = SessionRecordJson.readFieldByField(RecordJson.mapper(), once);
        assertThat(fast).isEqualTo(GENERAL.readValue(once, SessionRecord.class));
        assertThat(fast.source().ip()).isEqualTo("10.0.0.1");
        assertThat(fast.source().port()).isEqualTo(5);
        assertThat(fast.event().end()).isEqualTo(Instant.parse("2024-03-01T04:46:30Z"));
        assertThat(fast.destination().port()).isEqualTo(443);
    }

    /** Input outside the writer's shape: the general reader's answer, whatever it is, and the same refusals. */
    @Test
    void leavesEveryOtherShapeToJacksonsGeneralReader() throws Exception {
        String[] inputs = {
            "{\"source\":{\"port\":\"443\"}}", // a number as text: coerced
            "{\"source\":{\"port\":443.0}}", // a float for an int
            "{\"source\":{\"port\":3000000000}}", // too big for a port: refused
            "{\"destination\":{\"bytes\":\"12\"}}",
            "{\"event\":{\"id\":123}}", // a number for text: coerced
            "{\"event\":{\"id\":\"a\"},\"event\":{\"id\":\"b\"}}", // a field twice
            "{\"event\":{\"id\":\"a\",\"id\":\"b\"}}",
            "{\"@timestamp\":\"2024-03-01T10:15:30+05:30\"}", // an offset
            "{\"@timestamp\":1709268330}", // epoch seconds
            "{\"@timestamp\":\"+10000-01-01T00:00:00Z\"}", // years java.time writes with a sign
            "{\"@timestamp\":\"-0001-12-31T23:59:59.5Z\"}",
            "{\"@timestamp\":\"yesterday\"}", // refused
            "{\"timestamp\":\"2024-03-01T04:45:30Z\"}", // the component's own name
            "{\"ipdr\":{\"cell\":{\"location\":{\"lat\":null,\"lon\":1}}}}",
            "{\"ipdr\":{\"cell\":{\"location\":{\"lat\":\"19.5\",\"lon\":1}}}}",
            "{\"ipdr\":{\"flags\":{\"name\":\"x\"}}}", // one flag, not a list
            "{\"ipdr\":{\"flags\":[\"x\"]}}",
            "{\"ipdr\":{\"attribution\":{\"evidence\":\"one\"}}}",
            "{\"ipdr\":{\"attribution\":{\"evidence\":[1,true]}}}",
            "{\"ipdr\":{\"risk_score\":\"0.5\"}}",
            "{\"source\":[]}",
            "{\"source\":\"10.0.0.1\"}",
            "null",
            "[]",
            "\"text\"",
            "",
            "{\"event\":{\"id\":\"x\"}",
            "{\"event\":{\"id\":\"x\"}} trailing",
            "{\"event\":{\"id\":\"x\"}}{",
            "{\"event\":{\"id\":\"\\ud800\"}}", // a lone surrogate, escaped
        };
        for (String input : inputs) {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            Object general = outcome(() -> GENERAL.readValue(bytes, SessionRecord.class));
            Object product = outcome(() -> RecordJson.fromBytes(bytes, SessionRecord.class));
            assertThat(product).as(input).isEqualTo(general);
        }
    }

    private interface Reading {
        Object read() throws Exception;
    }

    /** The record read, or the kind of exception the reading threw. */
    private static Object outcome(Reading reading) {
        try {
            return reading.read();
        } catch (Exception e) {
            return e instanceof java.io.IOException ? java.io.IOException.class : e.getClass();
        }
    }

    private static boolean hasDetail(SessionRecord r) {
        return r.ipdr() != null
                && r.ipdr().attribution() != null
                && r.ipdr().attribution().detail() != null;
    }

    // ---------------------------------------------------------------- a record of any shape

    private static final String[] TEXTS = {
        "",
        "plain",
        "919876543210",
        "quote \" and backslash \\",
        "tab\tnewline\ncr\r",
        "\u0000\u001f\u007f",
        "देवनागरी",
        "emoji \ud83d\ude00",
        "</script>",
        "2001:db8::1",
        "x".repeat(300)
    };

    private static SessionRecord randomRecord(Random r, double nulls) {
        return new SessionRecord(
                maybe(r, nulls, () -> instant(r)),
                maybe(
                        r,
                        nulls,
                        () -> new Event(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> instant(r)),
                                maybe(r, nulls, () -> instant(r)),
                                maybe(r, nulls, r::nextLong),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)))),
                maybe(
                        r,
                        nulls,
                        () -> new Source(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> r.nextInt(65536)),
                                maybe(
                                        r,
                                        nulls,
                                        () -> new Nat(maybe(r, nulls, () -> text(r)), maybe(r, nulls, r::nextInt))),
                                maybe(r, nulls, () -> (long) r.nextInt(Integer.MAX_VALUE)))),
                maybe(
                        r,
                        nulls,
                        () -> new Destination(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> r.nextInt(65536)),
                                maybe(r, nulls, r::nextLong),
                                maybe(
                                        r,
                                        nulls,
                                        () -> new Geo(
                                                maybe(r, nulls, () -> point(r)),
                                                maybe(r, nulls, () -> text(r)),
                                                maybe(r, nulls, () -> text(r)))),
                                maybe(
                                        r,
                                        nulls,
                                        () -> new As(
                                                maybe(r, nulls, r::nextLong),
                                                maybe(
                                                        r,
                                                        nulls,
                                                        () -> new Organization(maybe(r, nulls, () -> text(r)))))))),
                maybe(r, nulls, () -> new Network(maybe(r, nulls, () -> text(r)))),
                maybe(r, nulls, () -> ipdr(r, nulls)),
                maybe(
                        r,
                        nulls,
                        () -> new Log(
                                maybe(r, nulls, () -> new LogFile(maybe(r, nulls, () -> text(r)))),
                                maybe(r, nulls, r::nextLong))),
                maybe(r, nulls, () -> new FileRef(maybe(r, nulls, () -> new Hash(maybe(r, nulls, () -> text(r)))))));
    }

    private static Ipdr ipdr(Random r, double nulls) {
        return new Ipdr(
                maybe(
                        r,
                        nulls,
                        () -> new AParty(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> text(r)))),
                maybe(
                        r,
                        nulls,
                        () -> new Cell(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> point(r)),
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> r.nextInt(360)),
                                maybe(r, nulls, () -> text(r)))),
                maybe(r, nulls, () -> new Access(maybe(r, nulls, () -> text(r)), maybe(r, nulls, () -> text(r)))),
                maybe(r, nulls, () -> text(r)),
                maybe(r, nulls, () -> text(r)),
                maybe(r, nulls, () -> text(r)),
                maybe(r, nulls, () -> new Delivery(maybe(r, nulls, () -> text(r)), maybe(r, nulls, r::nextLong))),
                maybe(
                        r,
                        nulls,
                        () -> new Attribution(
                                maybe(r, nulls, () -> text(r)),
                                maybe(r, nulls, () -> texts(r)),
                                maybe(r, nulls, () -> texts(r)),
                                r.nextInt(10) == 0 ? detail(r) : null)),
                maybe(r, nulls, () -> flags(r, nulls)),
                maybe(r, nulls, () -> r.nextInt(4) == 0 ? (double) r.nextInt(5) : r.nextDouble()),
                maybe(r, nulls, () -> new BParty(maybe(r, nulls, () -> text(r)), maybe(r, nulls, () -> text(r)))));
    }

    private static List<AttributionRules.Candidate> detail(Random r) {
        return List.of(new AttributionRules.Candidate(
                "nat",
                new BindingEvent.Subscriber(text(r), null, text(r), null, null),
                "isp",
                "10.0.0.9",
                4000,
                instant(r),
                null,
                true,
                false,
                List.of("e1", "e2")));
    }

    private static List<Flag> flags(Random r, double nulls) {
        List<Flag> flags = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            flags.add(
                    r.nextInt(8) == 0
                            ? null
                            : new Flag(
                                    maybe(r, nulls, () -> text(r)),
                                    maybe(r, nulls, () -> text(r)),
                                    maybe(r, nulls, r::nextDouble)));
        }
        return flags;
    }

    private static List<String> texts(Random r) {
        String[] values = new String[r.nextInt(4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextInt(6) == 0 ? null : text(r);
        }
        return Arrays.asList(values);
    }

    private static String text(Random r) {
        return TEXTS[r.nextInt(TEXTS.length)];
    }

    private static GeoPoint point(Random r) {
        return r.nextBoolean()
                ? new GeoPoint(r.nextDouble() * 180 - 90, r.nextDouble() * 360 - 180)
                : new GeoPoint(r.nextInt(90), -r.nextInt(180));
    }

    private static Instant instant(Random r) {
        // years 0000 to 9999 (the writer's own shape; the others are in the test of other shapes)
        long seconds = r.nextInt(10) == 0
                ? -62_167_219_200L + Math.floorMod(r.nextLong(), 253_402_300_800L + 62_167_219_200L)
                : 1_700_000_000L + r.nextInt(100_000_000);
        int nanos =
                switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1000) * 1_000_000;
                    case 2 -> r.nextInt(1_000_000) * 1_000;
                    default -> r.nextInt(1_000_000_000);
                };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static <T> T maybe(Random r, double nulls, Supplier<T> value) {
        return r.nextDouble() < nulls ? null : value.get();
    }
}
