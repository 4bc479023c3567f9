package io.flowanalyzer.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of {@link SessionRecord} written field by field into bytes ({@link JsonBytes}) and read field
 * by field on Jackson's streaming API. Every session is written by the route, read by the correlator and
 * written again as its document, and Jackson's general handling of records (a property buffer and a creator
 * call per nested record, a serializer lookup per property), then its generator's checks per value, were the
 * largest part of both ends' time.
 *
 * <p>The bytes written are exactly those Jackson's annotations on the records give (a test holds the two
 * to each other). The reader takes the shape this writer and the earlier ones produce; anything else —
 * numbers as text, nulls for coordinates, an attribution's candidate detail, a field twice — is left to
 * Jackson's general reader, so both read every input to the same record or refuse it alike.
 */
final class SessionRecordJson {
    private SessionRecordJson() {}

    /** Registered in {@link RecordJson}'s mapper for a {@link SessionRecord} inside something else it writes. */
    static final class Writer extends JsonSerializer<SessionRecord> {
        @Override
        public void serialize(SessionRecord record, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeRawValue(new String(toBytes(record), StandardCharsets.UTF_8));
        }

        @Override
        public Class<SessionRecord> handledType() {
            return SessionRecord.class;
        }
    }

    // field names, quoted, with their colon
    private static final byte[] TIMESTAMP = JsonBytes.name("@timestamp");
    private static final byte[] EVENT = JsonBytes.name("event");
    private static final byte[] SOURCE = JsonBytes.name("source");
    private static final byte[] DESTINATION = JsonBytes.name("destination");
    private static final byte[] NETWORK = JsonBytes.name("network");
    private static final byte[] IPDR = JsonBytes.name("ipdr");
    private static final byte[] LOG = JsonBytes.name("log");
    private static final byte[] FILE = JsonBytes.name("file");
    private static final byte[] ID = JsonBytes.name("id");
    private static final byte[] START = JsonBytes.name("start");
    private static final byte[] END = JsonBytes.name("end");
    private static final byte[] DURATION = JsonBytes.name("duration");
    private static final byte[] DATASET = JsonBytes.name("dataset");
    private static final byte[] ORIGINAL = JsonBytes.name("original");
    private static final byte[] IP = JsonBytes.name("ip");
    private static final byte[] PORT = JsonBytes.name("port");
    private static final byte[] NAT = JsonBytes.name("nat");
    private static final byte[] BYTES = JsonBytes.name("bytes");
    private static final byte[] GEO = JsonBytes.name("geo");
    private static final byte[] AS = JsonBytes.name("as");
    private static final byte[] LOCATION = JsonBytes.name("location");
    private static final byte[] COUNTRY_ISO_CODE = JsonBytes.name("country_iso_code");
    private static final byte[] COUNTRY_NAME = JsonBytes.name("country_name");
    private static final byte[] LAT = JsonBytes.name("lat");
    private static final byte[] LON = JsonBytes.name("lon");
    private static final byte[] NUMBER = JsonBytes.name("number");
    private static final byte[] ORGANIZATION = JsonBytes.name("organization");
    private static final byte[] NAME = JsonBytes.name("name");
    private static final byte[] TRANSPORT = JsonBytes.name("transport");
    private static final byte[] A_PARTY = JsonBytes.name("a_party");
    private static final byte[] CELL = JsonBytes.name("cell");
    private static final byte[] ACCESS = JsonBytes.name("access");
    private static final byte[] ISP = JsonBytes.name("isp");
    private static final byte[] FEED = JsonBytes.name("feed");
    private static final byte[] PROFILE = JsonBytes.name("profile");
    private static final byte[] DELIVERY = JsonBytes.name("delivery");
    private static final byte[] ATTRIBUTION = JsonBytes.name("attribution");
    private static final byte[] FLAGS = JsonBytes.name("flags");
    private static final byte[] RISK_SCORE = JsonBytes.name("risk_score");
    private static final byte[] B_PARTY = JsonBytes.name("b_party");
    private static final byte[] APP = JsonBytes.name("app");
    private static final byte[] CATEGORY = JsonBytes.name("category");
    private static final byte[] SUBSCRIBER_ID = JsonBytes.name("subscriber_id");
    private static final byte[] MSISDN = JsonBytes.name("msisdn");
    private static final byte[] IMSI = JsonBytes.name("imsi");
    private static final byte[] IMEI = JsonBytes.name("imei");
    private static final byte[] DEVICE_ID = JsonBytes.name("device_id");
    private static final byte[] ADDRESS = JsonBytes.name("address");
    private static final byte[] LAST_ID = JsonBytes.name("last_id");
    private static final byte[] AZIMUTH = JsonBytes.name("azimuth");
    private static final byte[] APN = JsonBytes.name("apn");
    private static final byte[] RAT = JsonBytes.name("rat");
    private static final byte[] LINE = JsonBytes.name("line");
    private static final byte[] METHOD = JsonBytes.name("method");
    private static final byte[] EVIDENCE = JsonBytes.name("evidence");
    private static final byte[] CANDIDATES = JsonBytes.name("candidates");
    private static final byte[] DETAIL = JsonBytes.name("detail");
    private static final byte[] REASON = JsonBytes.name("reason");
    private static final byte[] SCORE = JsonBytes.name("score");
    private static final byte[] OFFSET = JsonBytes.name("offset");
    private static final byte[] PATH = JsonBytes.name("path");
    private static final byte[] HASH = JsonBytes.name("hash");
    private static final byte[] SHA256 = JsonBytes.name("sha256");

    // the values every record of one delivery shares, each kept in its slot of the writer (JsonBytes.repeated)
    private static final int SAME_DATASET = 0;
    private static final int SAME_ISP = 1;
    private static final int SAME_FEED = 2;
    private static final int SAME_PROFILE = 3;
    private static final int SAME_DELIVERY = 4;
    private static final int SAME_PATH = 5;
    private static final int SAME_HASH = 6;

    // ---------------------------------------------------------------- writing

    /** The record as Jackson's annotations on it say: nulls left out, except where a part has no such rule. */
    static byte[] toBytes(SessionRecord r) {
        JsonBytes j = JsonBytes.open();
        try {
            write(r, j);
        } catch (RuntimeException | Error e) {
            j.abandon();
            throw e;
        }
        return j.close();
    }

    private static void write(SessionRecord r, JsonBytes j) {
        j.startObject();
        if (r.timestamp() != null) {
            j.field(TIMESTAMP);
            j.instant(r.timestamp());
        }
        if (r.event() != null) {
            j.field(EVENT);
            event(r.event(), j);
        }
        if (r.source() != null) {
            j.field(SOURCE);
            source(r.source(), j);
        }
        if (r.destination() != null) {
            j.field(DESTINATION);
            destination(r.destination(), j);
        }
        if (r.network() != null) {
            j.field(NETWORK);
            j.startObject();
            text(j, TRANSPORT, r.network().transport());
            j.endObject();
        }
        if (r.ipdr() != null) {
            j.field(IPDR);
            ipdr(r.ipdr(), j);
        }
        if (r.log() != null) {
            j.field(LOG);
            log(r.log(), j);
        }
        if (r.file() != null) {
            j.field(FILE);
            file(r.file(), j);
        }
        j.endObject();
    }

    private static void event(Event e, JsonBytes j) {
        j.startObject();
        text(j, ID, e.id());
        instant(j, START, e.start());
        instant(j, END, e.end());
        number(j, DURATION, e.duration());
        repeated(j, DATASET, e.dataset(), SAME_DATASET);
        text(j, ORIGINAL, e.original());
        j.endObject();
    }

    private static void source(Source s, JsonBytes j) {
        j.startObject();
        text(j, IP, s.ip());
        number(j, PORT, s.port());
        if (s.nat() != null) {
            j.field(NAT);
            j.startObject();
            text(j, IP, s.nat().ip());
            number(j, PORT, s.nat().port());
            j.endObject();
        }
        number(j, BYTES, s.bytes());
        j.endObject();
    }

    private static void destination(Destination d, JsonBytes j) {
        j.startObject();
        text(j, IP, d.ip());
        number(j, PORT, d.port());
        number(j, BYTES, d.bytes());
        if (d.geo() != null) {
            j.field(GEO);
            j.startObject();
            point(j, LOCATION, d.geo().location());
            text(j, COUNTRY_ISO_CODE, d.geo().countryIsoCode());
            text(j, COUNTRY_NAME, d.geo().countryName());
            j.endObject();
        }
        if (d.as() != null) {
            j.field(AS);
            j.startObject();
            number(j, NUMBER, d.as().number());
            if (d.as().organization() != null) {
                j.field(ORGANIZATION);
                j.startObject();
                nullable(j, NAME, d.as().organization().name()); // Organization has no rule against nulls
                j.endObject();
            }
            j.endObject();
        }
        j.endObject();
    }

    private static void ipdr(Ipdr i, JsonBytes j) {
        j.startObject();
        if (i.aParty() != null) {
            j.field(A_PARTY);
            aParty(i.aParty(), j);
        }
        Cell c = i.cell();
        if (c != null) {
            j.field(CELL);
            j.startObject();
            text(j, ID, c.id());
            point(j, LOCATION, c.location());
            text(j, LAST_ID, c.lastId());
            number(j, AZIMUTH, c.azimuth());
            text(j, NAME, c.name());
            j.endObject();
        }
        if (i.access() != null) {
            j.field(ACCESS);
            j.startObject();
            text(j, APN, i.access().apn());
            text(j, RAT, i.access().rat());
            j.endObject();
        }
        repeated(j, ISP, i.isp(), SAME_ISP);
        repeated(j, FEED, i.feed(), SAME_FEED);
        repeated(j, PROFILE, i.profile(), SAME_PROFILE);
        if (i.delivery() != null) {
            j.field(DELIVERY);
            j.startObject();
            repeated(j, ID, i.delivery().id(), SAME_DELIVERY);
            number(j, LINE, i.delivery().line());
            j.endObject();
        }
        Attribution at = i.attribution();
        if (at != null) {
            j.field(ATTRIBUTION);
            j.startObject();
            attributionFields(j, at);
            j.endObject();
        }
        if (i.flags() != null) {
            j.field(FLAGS);
            j.startArray();
            for (Flag f : i.flags()) {
                if (f == null) {
                    j.nullValue();
                    continue;
                }
                j.startObject();
                text(j, NAME, f.name());
                text(j, REASON, f.reason());
                if (f.score() != null) {
                    j.field(SCORE);
                    j.number(f.score().doubleValue());
                }
                j.endObject();
            }
            j.endArray();
        }
        if (i.riskScore() != null) {
            j.field(RISK_SCORE);
            j.number(i.riskScore().doubleValue());
        }
        BParty b = i.bParty();
        if (b != null) {
            j.field(B_PARTY);
            j.startObject();
            text(j, APP, b.app());
            text(j, CATEGORY, b.category());
            j.endObject();
        }
        j.endObject();
    }

    private static void aParty(AParty a, JsonBytes j) {
        j.startObject();
        text(j, SUBSCRIBER_ID, a.subscriberId());
        text(j, MSISDN, a.msisdn());
        text(j, IMSI, a.imsi());
        text(j, IMEI, a.imei());
        text(j, DEVICE_ID, a.deviceId());
        text(j, NAME, a.name());
        text(j, ADDRESS, a.address());
        j.endObject();
    }

    /** An attribution's fields, those it has. */
    private static void attributionFields(JsonBytes j, Attribution at) {
        text(j, METHOD, at.method());
        texts(j, EVIDENCE, at.evidence());
        texts(j, CANDIDATES, at.candidates());
        if (at.detail() != null) {
            // the candidates' detail is of no fixed shape: Jackson's general writer
            j.field(DETAIL);
            try {
                j.raw(RecordJson.mapper().writeValueAsBytes(at.detail()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write an attribution's candidates as JSON", e);
            }
        }
    }

    /**
     * {@code {"ipdr":{"a_party":…,"attribution":…}}}: the part of a session's document its attribution owns, as
     * a partial update writes it — a null A-party and the attribution's absent lists written as null (after the
     * present ones) so that they clear what an earlier update filled.
     */
    static byte[] attributionPart(AParty party, Attribution at) {
        JsonBytes j = JsonBytes.open();
        try {
            j.startObject();
            j.field(IPDR);
            j.startObject();
            j.field(A_PARTY);
            if (party == null) {
                j.nullValue();
            } else {
                aParty(party, j);
            }
            j.field(ATTRIBUTION);
            j.startObject();
            attributionFields(j, at);
            absent(j, EVIDENCE, at.evidence());
            absent(j, CANDIDATES, at.candidates());
            absent(j, DETAIL, at.detail());
            j.endObject();
            j.endObject();
            j.endObject();
        } catch (RuntimeException | Error e) {
            j.abandon();
            throw e;
        }
        return j.close();
    }

    private static void absent(JsonBytes j, byte[] name, Object value) {
        if (value == null) {
            j.field(name);
            j.nullValue();
        }
    }

    private static void log(Log l, JsonBytes j) {
        j.startObject();
        if (l.file() != null) {
            j.field(FILE);
            j.startObject();
            j.field(PATH); // LogFile has no rule against nulls
            j.repeated(l.file().path(), SAME_PATH);
            j.endObject();
        }
        number(j, OFFSET, l.offset());
        j.endObject();
    }

    private static void file(FileRef f, JsonBytes j) {
        j.startObject();
        j.field(HASH); // neither FileRef nor Hash has a rule against nulls
        if (f.hash() == null) {
            j.nullValue();
        } else {
            j.startObject();
            j.field(SHA256);
            j.repeated(f.hash().sha256(), SAME_HASH);
            j.endObject();
        }
        j.endObject();
    }

    private static void text(JsonBytes j, byte[] name, String value) {
        if (value != null) {
            j.field(name);
            j.string(value);
        }
    }

    /** A text field whose value most records of a delivery share (see {@link JsonBytes#repeated}). */
    private static void repeated(JsonBytes j, byte[] name, String value, int slot) {
        if (value != null) {
            j.field(name);
            j.repeated(value, slot);
        }
    }

    /** A field written even when null. */
    private static void nullable(JsonBytes j, byte[] name, String value) {
        j.field(name);
        if (value == null) {
            j.nullValue();
        } else {
            j.string(value);
        }
    }

    private static void texts(JsonBytes j, byte[] name, List<String> values) {
        if (values != null) {
            j.field(name);
            j.startArray();
            for (String v : values) {
                if (v == null) {
                    j.nullValue();
                } else {
                    j.string(v);
                }
            }
            j.endArray();
        }
    }

    private static void instant(JsonBytes j, byte[] name, Instant value) {
        if (value != null) {
            j.field(name);
            j.instant(value);
        }
    }

    private static void number(JsonBytes j, byte[] name, Long value) {
        if (value != null) {
            j.field(name);
            j.number(value.longValue());
        }
    }

    private static void number(JsonBytes j, byte[] name, Integer value) {
        if (value != null) {
            j.field(name);
            j.number(value.intValue());
        }
    }

    private static void point(JsonBytes j, byte[] name, GeoPoint p) {
        if (p != null) {
            j.field(name);
            j.startObject();
            j.field(LAT);
            j.number(p.lat());
            j.field(LON);
            j.number(p.lon());
            j.endObject();
        }
    }

    // ---------------------------------------------------------------- reading

    /** The record in these bytes, as Jackson's general reader would give it; an IOException when they hold none. */
    static SessionRecord read(ObjectMapper mapper, byte[] json) throws IOException {
        try {
            return readFieldByField(mapper, json);
        } catch (IOException | RuntimeException e) {
            // not this reader's shape, or not JSON: the general reader decides, and says why
            return mapper.readValue(json, SessionRecord.class);
        }
    }

    /** This reader alone: an IOException for anything outside its shape. */
    static SessionRecord readFieldByField(ObjectMapper mapper, byte[] json) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            return record(p);
        }
    }

    /** Thrown where the input leaves the shape this reader takes; never seen outside this class. */
    private static final class OtherShape extends IOException {
        OtherShape() {
            super("not the record shape the field reader takes", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final OtherShape OTHER_SHAPE = new OtherShape();

    /** How a field's value is read. */
    private enum Kind {
        TEXT,
        LONG,
        INT,
        /** A number, or null. */
        DOUBLE,
        /** A number, never null (a coordinate). */
        NUMBER,
        INSTANT,
        TEXTS,
        /** An object of the field's own shape, or null. */
        OBJECT,
        /** A list of objects of the field's own shape (null elements kept), or null. */
        OBJECTS,
        /** Left to the general reader, with the whole record: an attribution's candidate detail. */
        OTHER
    }

    private record Field(int slot, Kind kind, Shape shape) {}

    /**
     * One record type: its fields by name (in the record's component order, which is their slot) and how the
     * record is made from their values. Absent fields are null, as Jackson leaves them; unknown ones are skipped.
     */
    private static final class Shape {
        private final String[] names;
        /** The names for the parser to compare a field's bytes with, in the order the writer writes them. */
        private final com.fasterxml.jackson.core.io.SerializedString[] expected;

        private final Field[] fields;
        private final Function<Object[], Object> make;

        /** {@code fields}: name, kind (and for an object or objects, its shape), in the record's order. */
        Shape(Function<Object[], Object> make, Object... fields) {
            this.make = make;
            List<String> names = new ArrayList<>();
            List<Field> all = new ArrayList<>();
            for (int i = 0; i < fields.length; ) {
                String name = (String) fields[i++];
                Kind kind = (Kind) fields[i++];
                Shape shape = kind == Kind.OBJECT || kind == Kind.OBJECTS ? (Shape) fields[i++] : null;
                all.add(new Field(names.size(), kind, shape));
                names.add(name);
            }
            this.names = names.toArray(String[]::new);
            this.expected = names.stream()
                    .map(com.fasterxml.jackson.core.io.SerializedString::new)
                    .toArray(com.fasterxml.jackson.core.io.SerializedString[]::new);
            this.fields = all.toArray(Field[]::new);
        }

        int size() {
            return fields.length;
        }

        /**
         * The field of this name, or null. A scan of at most eleven names: the parser hands out names interned,
         * as the literals here are, so a known name is found by identity, and a hash table was slower.
         */
        Field field(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name) {
                    return fields[i];
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return fields[i];
                }
            }
            return null;
        }
    }

    private static final Shape NAT_SHAPE =
            new Shape(v -> new Nat((String) v[0], (Integer) v[1]), "ip", Kind.TEXT, "port", Kind.INT);
    private static final Shape POINT = new Shape(
            v -> new GeoPoint(v[0] == null ? 0 : (Double) v[0], v[1] == null ? 0 : (Double) v[1]),
            "lat",
            Kind.NUMBER,
            "lon",
            Kind.NUMBER);
    private static final Shape EVENT_SHAPE = new Shape(
            v -> new Event((String) v[0], (Instant) v[1], (Instant) v[2], (Long) v[3], (String) v[4], (String) v[5]),
            "id",
            Kind.TEXT,
            "start",
            Kind.INSTANT,
            "end",
            Kind.INSTANT,
            "duration",
            Kind.LONG,
            "dataset",
            Kind.TEXT,
            "original",
            Kind.TEXT);
    private static final Shape SOURCE_SHAPE = new Shape(
            v -> new Source((String) v[0], (Integer) v[1], (Nat) v[2], (Long) v[3]),
            "ip",
            Kind.TEXT,
            "port",
            Kind.INT,
            "nat",
            Kind.OBJECT,
            NAT_SHAPE,
            "bytes",
            Kind.LONG);
    private static final Shape GEO_SHAPE = new Shape(
            v -> new Geo((GeoPoint) v[0], (String) v[1], (String) v[2]),
            "location",
            Kind.OBJECT,
            POINT,
            "country_iso_code",
            Kind.TEXT,
            "country_name",
            Kind.TEXT);
    private static final Shape ORGANIZATION_SHAPE = new Shape(v -> new Organization((String) v[0]), "name", Kind.TEXT);
    private static final Shape AS_SHAPE = new Shape(
            v -> new As((Long) v[0], (Organization) v[1]),
            "number",
            Kind.LONG,
            "organization",
            Kind.OBJECT,
            ORGANIZATION_SHAPE);
    private static final Shape DESTINATION_SHAPE = new Shape(
            v -> new Destination((String) v[0], (Integer) v[1], (Long) v[2], (Geo) v[3], (As) v[4]),
            "ip",
            Kind.TEXT,
            "port",
            Kind.INT,
            "bytes",
            Kind.LONG,
            "geo",
            Kind.OBJECT,
            GEO_SHAPE,
            "as",
            Kind.OBJECT,
            AS_SHAPE);
    private static final Shape NETWORK_SHAPE = new Shape(v -> new Network((String) v[0]), "transport", Kind.TEXT);
    private static final Shape A_PARTY_SHAPE = new Shape(
            v -> new AParty(
                    (String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4], (String) v[5], (String)
                            v[6]),
            "subscriber_id",
            Kind.TEXT,
            "msisdn",
            Kind.TEXT,
            "imsi",
            Kind.TEXT,
            "imei",
            Kind.TEXT,
            "device_id",
            Kind.TEXT,
            "name",
            Kind.TEXT,
            "address",
            Kind.TEXT);
    private static final Shape CELL_SHAPE = new Shape(
            v -> new Cell((String) v[0], (GeoPoint) v[1], (String) v[2], (Integer) v[3], (String) v[4]),
            "id",
            Kind.TEXT,
            "location",
            Kind.OBJECT,
            POINT,
            "last_id",
            Kind.TEXT,
            "azimuth",
            Kind.INT,
            "name",
            Kind.TEXT);
    private static final Shape ACCESS_SHAPE =
            new Shape(v -> new Access((String) v[0], (String) v[1]), "apn", Kind.TEXT, "rat", Kind.TEXT);
    private static final Shape DELIVERY_SHAPE =
            new Shape(v -> new Delivery((String) v[0], (Long) v[1]), "id", Kind.TEXT, "line", Kind.LONG);

    @SuppressWarnings("unchecked")
    private static final Shape ATTRIBUTION_SHAPE = new Shape(
            v -> new Attribution((String) v[0], (List<String>) v[1], (List<String>) v[2], null),
            "method",
            Kind.TEXT,
            "evidence",
            Kind.TEXTS,
            "candidates",
            Kind.TEXTS,
            "detail",
            Kind.OTHER);

    private static final Shape FLAG_SHAPE = new Shape(
            v -> new Flag((String) v[0], (String) v[1], (Double) v[2]),
            "name",
            Kind.TEXT,
            "reason",
            Kind.TEXT,
            "score",
            Kind.DOUBLE);
    private static final Shape B_PARTY_SHAPE =
            new Shape(v -> new BParty((String) v[0], (String) v[1]), "app", Kind.TEXT, "category", Kind.TEXT);

    @SuppressWarnings("unchecked")
    private static final Shape IPDR_SHAPE = new Shape(
            v -> new Ipdr(
                    (AParty) v[0],
                    (Cell) v[1],
                    (Access) v[2],
                    (String) v[3],
                    (String) v[4],
                    (String) v[5],
                    (Delivery) v[6],
                    (Attribution) v[7],
                    (List<Flag>) v[8],
                    (Double) v[9],
                    (BParty) v[10]),
            "a_party",
            Kind.OBJECT,
            A_PARTY_SHAPE,
            "cell",
            Kind.OBJECT,
            CELL_SHAPE,
            "access",
            Kind.OBJECT,
            ACCESS_SHAPE,
            "isp",
            Kind.TEXT,
            "feed",
            Kind.TEXT,
            "profile",
            Kind.TEXT,
            "delivery",
            Kind.OBJECT,
            DELIVERY_SHAPE,
            "attribution",
            Kind.OBJECT,
            ATTRIBUTION_SHAPE,
            "flags",
            Kind.OBJECTS,
            FLAG_SHAPE,
            "risk_score",
            Kind.DOUBLE,
            "b_party",
            Kind.OBJECT,
            B_PARTY_SHAPE);

    private static final Shape LOG_FILE_SHAPE = new Shape(v -> new LogFile((String) v[0]), "path", Kind.TEXT);
    private static final Shape LOG_SHAPE = new Shape(
            v -> new Log((LogFile) v[0], (Long) v[1]), "file", Kind.OBJECT, LOG_FILE_SHAPE, "offset", Kind.LONG);
    private static final Shape HASH_SHAPE = new Shape(v -> new Hash((String) v[0]), "sha256", Kind.TEXT);
    private static final Shape FILE_SHAPE = new Shape(v -> new FileRef((Hash) v[0]), "hash", Kind.OBJECT, HASH_SHAPE);
    private static final Shape RECORD_SHAPE = new Shape(
            v -> new SessionRecord(
                    (Instant) v[0],
                    (Event) v[1],
                    (Source) v[2],
                    (Destination) v[3],
                    (Network) v[4],
                    (Ipdr) v[5],
                    (Log) v[6],
                    (FileRef) v[7]),
            "@timestamp",
            Kind.INSTANT,
            "event",
            Kind.OBJECT,
            EVENT_SHAPE,
            "source",
            Kind.OBJECT,
            SOURCE_SHAPE,
            "destination",
            Kind.OBJECT,
            DESTINATION_SHAPE,
            "network",
            Kind.OBJECT,
            NETWORK_SHAPE,
            "ipdr",
            Kind.OBJECT,
            IPDR_SHAPE,
            "log",
            Kind.OBJECT,
            LOG_SHAPE,
            "file",
            Kind.OBJECT,
            FILE_SHAPE);

    private static SessionRecord record(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw OTHER_SHAPE;
        }
        return (SessionRecord) object(p, RECORD_SHAPE);
    }

    /**
     * The object the parser is in, of this shape; the parser at its end. Each name is first compared, as bytes,
     * with the one the writer puts after the last field read (no look-up in the parser's table of names); a
     * field left out, or another order, is found by its name.
     */
    private static Object object(JsonParser p, Shape shape) throws IOException {
        int size = shape.size();
        Object[] values = new Object[size];
        int seen = 0;
        int next = 0;
        while (true) {
            Field field;
            if (next < size && p.nextFieldName(shape.expected[next])) {
                field = shape.fields[next];
            } else {
                if (next >= size) {
                    p.nextToken();
                }
                if (!p.hasToken(JsonToken.FIELD_NAME)) {
                    break;
                }
                field = shape.field(p.currentName());
                if (field == null) {
                    skip(p);
                    continue;
                }
            }
            int bit = 1 << field.slot();
            if ((seen & bit) != 0) {
                throw OTHER_SHAPE; // a field twice is for the general reader to settle
            }
            seen |= bit;
            values[field.slot()] = value(p, field);
            next = field.slot() + 1;
        }
        if (!p.hasToken(JsonToken.END_OBJECT)) {
            throw OTHER_SHAPE;
        }
        return shape.make.apply(values);
    }

    /** The field's value, the parser before it. */
    private static Object value(JsonParser p, Field field) throws IOException {
        return switch (field.kind()) {
            case TEXT -> text(p);
            case LONG -> longValue(p);
            case INT -> intValue(p);
            case DOUBLE -> p.nextToken() == JsonToken.VALUE_NULL ? null : number(p);
            case NUMBER -> {
                p.nextToken();
                yield number(p);
            }
            case INSTANT -> instant(p);
            case TEXTS -> list(p, (q, first) -> {
                if (first != JsonToken.VALUE_STRING) {
                    throw OTHER_SHAPE;
                }
                return q.getText();
            });
            case OBJECT -> open(p) ? object(p, field.shape()) : null;
            case OBJECTS -> list(p, (q, first) -> {
                if (first != JsonToken.START_OBJECT) {
                    throw OTHER_SHAPE;
                }
                return object(q, field.shape());
            });
            case OTHER -> throw OTHER_SHAPE;
        };
    }

    /** How one element of a list is read, the parser at its first token (never null: nulls are kept as they are). */
    private interface Element {
        Object read(JsonParser p, JsonToken first) throws IOException;
    }

    /** A list (null elements kept), or null; the parser before it. */
    private static List<Object> list(JsonParser p, Element element) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw OTHER_SHAPE;
        }
        List<Object> values = new ArrayList<>(4);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            values.add(t == JsonToken.VALUE_NULL ? null : element.read(p, t));
        }
        return values;
    }

    // ------------------------------------------------------ one value, the parser before it

    /** The field's value is an object (true, the parser in it) or null (false); anything else is another shape. */
    private static boolean open(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw OTHER_SHAPE;
    }

    private static void skip(JsonParser p) throws IOException {
        p.nextToken();
        p.skipChildren();
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw OTHER_SHAPE;
    }

    private static Instant instant(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            Instant at = InstantText.read(p.getText());
            if (at != null) {
                return at;
            }
        }
        throw OTHER_SHAPE; // other text or a number: java.time's reading, through the general reader
    }

    private static Long longValue(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                return p.getLongValue();
            }
        }
        throw OTHER_SHAPE;
    }

    private static Integer intValue(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        throw OTHER_SHAPE;
    }

    /** The number the parser is at, as a double; a coordinate or score given as null or text is another shape. */
    private static double number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        throw OTHER_SHAPE;
    }
}
