package io.flowanalyzer.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of {@link SessionRecord} written and read field by field on Jackson's streaming API. Every
 * session is written by the route, read by the correlator and written again as its document, and Jackson's
 * general handling of records (a property buffer and a creator call per nested record, a serializer lookup
 * per property) was the largest part of both ends' time.
 *
 * <p>The bytes written are exactly those Jackson's annotations on the records give (a test holds the two
 * to each other). The reader takes the shape this writer and the earlier ones produce; anything else —
 * numbers as text, nulls for coordinates, an attribution's candidate detail, a field twice — is left to
 * Jackson's general reader, so both read every input to the same record or refuse it alike.
 */
final class SessionRecordJson {
    private SessionRecordJson() {}

    /** Registered in {@link RecordJson}'s mapper for every {@link SessionRecord} it writes. */
    static final class Writer extends JsonSerializer<SessionRecord> {
        @Override
        public void serialize(SessionRecord record, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(record, g, provider);
        }

        @Override
        public Class<SessionRecord> handledType() {
            return SessionRecord.class;
        }
    }

    // field names, their quoted and escaped forms kept
    private static final SerializableString TIMESTAMP = new SerializedString("@timestamp");
    private static final SerializableString EVENT = new SerializedString("event");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString DESTINATION = new SerializedString("destination");
    private static final SerializableString NETWORK = new SerializedString("network");
    private static final SerializableString IPDR = new SerializedString("ipdr");
    private static final SerializableString LOG = new SerializedString("log");
    private static final SerializableString FILE = new SerializedString("file");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString START = new SerializedString("start");
    private static final SerializableString END = new SerializedString("end");
    private static final SerializableString DURATION = new SerializedString("duration");
    private static final SerializableString DATASET = new SerializedString("dataset");
    private static final SerializableString ORIGINAL = new SerializedString("original");
    private static final SerializableString IP = new SerializedString("ip");
    private static final SerializableString PORT = new SerializedString("port");
    private static final SerializableString NAT = new SerializedString("nat");
    private static final SerializableString BYTES = new SerializedString("bytes");
    private static final SerializableString GEO = new SerializedString("geo");
    private static final SerializableString AS = new SerializedString("as");
    private static final SerializableString LOCATION = new SerializedString("location");
    private static final SerializableString COUNTRY_ISO_CODE = new SerializedString("country_iso_code");
    private static final SerializableString COUNTRY_NAME = new SerializedString("country_name");
    private static final SerializableString LAT = new SerializedString("lat");
    private static final SerializableString LON = new SerializedString("lon");
    private static final SerializableString NUMBER = new SerializedString("number");
    private static final SerializableString ORGANIZATION = new SerializedString("organization");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString TRANSPORT = new SerializedString("transport");
    private static final SerializableString A_PARTY = new SerializedString("a_party");
    private static final SerializableString CELL = new SerializedString("cell");
    private static final SerializableString ACCESS = new SerializedString("access");
    private static final SerializableString ISP = new SerializedString("isp");
    private static final SerializableString FEED = new SerializedString("feed");
    private static final SerializableString PROFILE = new SerializedString("profile");
    private static final SerializableString DELIVERY = new SerializedString("delivery");
    private static final SerializableString ATTRIBUTION = new SerializedString("attribution");
    private static final SerializableString FLAGS = new SerializedString("flags");
    private static final SerializableString RISK_SCORE = new SerializedString("risk_score");
    private static final SerializableString B_PARTY = new SerializedString("b_party");
    private static final SerializableString APP = new SerializedString("app");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString SUBSCRIBER_ID = new SerializedString("subscriber_id");
    private static final SerializableString MSISDN = new SerializedString("msisdn");
    private static final SerializableString IMSI = new SerializedString("imsi");
    private static final SerializableString IMEI = new SerializedString("imei");
    private static final SerializableString DEVICE_ID = new SerializedString("device_id");
    private static final SerializableString ADDRESS = new SerializedString("address");
    private static final SerializableString LAST_ID = new SerializedString("last_id");
    private static final SerializableString AZIMUTH = new SerializedString("azimuth");
    private static final SerializableString APN = new SerializedString("apn");
    private static final SerializableString RAT = new SerializedString("rat");
    private static final SerializableString LINE = new SerializedString("line");
    private static final SerializableString METHOD = new SerializedString("method");
    private static final SerializableString EVIDENCE = new SerializedString("evidence");
    private static final SerializableString CANDIDATES = new SerializedString("candidates");
    private static final SerializableString DETAIL = new SerializedString("detail");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString SCORE = new SerializedString("score");
    private static final SerializableString OFFSET = new SerializedString("offset");
    private static final SerializableString PATH = new SerializedString("path");
    private static final SerializableString HASH = new SerializedString("hash");
    private static final SerializableString SHA256 = new SerializedString("sha256");

    // ---------------------------------------------------------------- writing

    /** Writes the record as Jackson's annotations on it say: nulls left out, except where a part has no such rule. */
    static void write(SessionRecord r, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(r);
        if (r.timestamp() != null) {
            g.writeFieldName(TIMESTAMP);
            g.writeString(InstantText.write(r.timestamp()));
        }
        if (r.event() != null) {
            g.writeFieldName(EVENT);
            event(r.event(), g);
        }
        if (r.source() != null) {
            g.writeFieldName(SOURCE);
            source(r.source(), g);
        }
        if (r.destination() != null) {
            g.writeFieldName(DESTINATION);
            destination(r.destination(), g);
        }
        if (r.network() != null) {
            g.writeFieldName(NETWORK);
            g.writeStartObject();
            text(g, TRANSPORT, r.network().transport());
            g.writeEndObject();
        }
        if (r.ipdr() != null) {
            g.writeFieldName(IPDR);
            ipdr(r.ipdr(), g, provider);
        }
        if (r.log() != null) {
            g.writeFieldName(LOG);
            log(r.log(), g);
        }
        if (r.file() != null) {
            g.writeFieldName(FILE);
            file(r.file(), g);
        }
        g.writeEndObject();
    }

    private static void event(Event e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, ID, e.id());
        instant(g, START, e.start());
        instant(g, END, e.end());
        number(g, DURATION, e.duration());
        text(g, DATASET, e.dataset());
        text(g, ORIGINAL, e.original());
        g.writeEndObject();
    }

    private static void source(Source s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, IP, s.ip());
        number(g, PORT, s.port());
        if (s.nat() != null) {
            g.writeFieldName(NAT);
            g.writeStartObject();
            text(g, IP, s.nat().ip());
            number(g, PORT, s.nat().port());
            g.writeEndObject();
        }
        number(g, BYTES, s.bytes());
        g.writeEndObject();
    }

    private static void destination(Destination d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, IP, d.ip());
        number(g, PORT, d.port());
        number(g, BYTES, d.bytes());
        if (d.geo() != null) {
            g.writeFieldName(GEO);
            g.writeStartObject();
            point(g, LOCATION, d.geo().location());
            text(g, COUNTRY_ISO_CODE, d.geo().countryIsoCode());
            text(g, COUNTRY_NAME, d.geo().countryName());
            g.writeEndObject();
        }
        if (d.as() != null) {
            g.writeFieldName(AS);
            g.writeStartObject();
            number(g, NUMBER, d.as().number());
            if (d.as().organization() != null) {
                g.writeFieldName(ORGANIZATION);
                g.writeStartObject();
                g.writeFieldName(NAME); // Organization has no rule against nulls
                g.writeString(d.as().organization().name());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void ipdr(Ipdr i, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        AParty a = i.aParty();
        if (a != null) {
            g.writeFieldName(A_PARTY);
            g.writeStartObject();
            text(g, SUBSCRIBER_ID, a.subscriberId());
            text(g, MSISDN, a.msisdn());
            text(g, IMSI, a.imsi());
            text(g, IMEI, a.imei());
            text(g, DEVICE_ID, a.deviceId());
            text(g, NAME, a.name());
            text(g, ADDRESS, a.address());
            g.writeEndObject();
        }
        Cell c = i.cell();
        if (c != null) {
            g.writeFieldName(CELL);
            g.writeStartObject();
            text(g, ID, c.id());
            point(g, LOCATION, c.location());
            text(g, LAST_ID, c.lastId());
            number(g, AZIMUTH, c.azimuth());
            text(g, NAME, c.name());
            g.writeEndObject();
        }
        if (i.access() != null) {
            g.writeFieldName(ACCESS);
            g.writeStartObject();
            text(g, APN, i.access().apn());
            text(g, RAT, i.access().rat());
            g.writeEndObject();
        }
        text(g, ISP, i.isp());
        text(g, FEED, i.feed());
        text(g, PROFILE, i.profile());
        if (i.delivery() != null) {
            g.writeFieldName(DELIVERY);
            g.writeStartObject();
            text(g, ID, i.delivery().id());
            number(g, LINE, i.delivery().line());
            g.writeEndObject();
        }
        Attribution at = i.attribution();
        if (at != null) {
            g.writeFieldName(ATTRIBUTION);
            g.writeStartObject();
            text(g, METHOD, at.method());
            texts(g, EVIDENCE, at.evidence());
            texts(g, CANDIDATES, at.candidates());
            if (at.detail() != null) {
                g.writeFieldName(DETAIL);
                provider.defaultSerializeValue(at.detail(), g);
            }
            g.writeEndObject();
        }
        if (i.flags() != null) {
            g.writeFieldName(FLAGS);
            g.writeStartArray();
            for (Flag f : i.flags()) {
                if (f == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                text(g, NAME, f.name());
                text(g, REASON, f.reason());
                if (f.score() != null) {
                    g.writeFieldName(SCORE);
                    g.writeNumber(f.score());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (i.riskScore() != null) {
            g.writeFieldName(RISK_SCORE);
            g.writeNumber(i.riskScore());
        }
        BParty b = i.bParty();
        if (b != null) {
            g.writeFieldName(B_PARTY);
            g.writeStartObject();
            text(g, APP, b.app());
            text(g, CATEGORY, b.category());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void log(Log l, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (l.file() != null) {
            g.writeFieldName(FILE);
            g.writeStartObject();
            g.writeFieldName(PATH); // LogFile has no rule against nulls
            g.writeString(l.file().path());
            g.writeEndObject();
        }
        number(g, OFFSET, l.offset());
        g.writeEndObject();
    }

    private static void file(FileRef f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(HASH); // neither FileRef nor Hash has a rule against nulls
        if (f.hash() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeFieldName(SHA256);
            g.writeString(f.hash().sha256());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void texts(JsonGenerator g, SerializableString name, List<String> values) throws IOException {
        if (values != null) {
            g.writeFieldName(name);
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v); // a null is written as null
            }
            g.writeEndArray();
        }
    }

    private static void instant(JsonGenerator g, SerializableString name, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(InstantText.write(value));
        }
    }

    private static void number(JsonGenerator g, SerializableString name, Long value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value.longValue());
        }
    }

    private static void number(JsonGenerator g, SerializableString name, Integer value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value.intValue());
        }
    }

    private static void point(JsonGenerator g, SerializableString name, GeoPoint p) throws IOException {
        if (p != null) {
            g.writeFieldName(name);
            g.writeStartObject();
            g.writeFieldName(LAT);
            g.writeNumber(p.lat());
            g.writeFieldName(LON);
            g.writeNumber(p.lon());
            g.writeEndObject();
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

    /** The object the parser is in, of this shape; the parser at its end. */
    private static Object object(JsonParser p, Shape shape) throws IOException {
        Object[] values = new Object[shape.size()];
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            Field field = shape.field(name);
            if (field == null) {
                skip(p);
                continue;
            }
            int bit = 1 << field.slot();
            if ((seen & bit) != 0) {
                throw OTHER_SHAPE; // a field twice is for the general reader to settle
            }
            seen |= bit;
            values[field.slot()] = value(p, field);
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
