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

    private static SessionRecord record(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw OTHER_SHAPE;
        }
        Instant timestamp = null;
        Event event = null;
        Source source = null;
        Destination destination = null;
        Network network = null;
        Ipdr ipdr = null;
        Log log = null;
        FileRef file = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "@timestamp" -> {
                    seen = once(seen, 0);
                    timestamp = instant(p);
                }
                case "event" -> {
                    seen = once(seen, 1);
                    event = open(p) ? event(p) : null;
                }
                case "source" -> {
                    seen = once(seen, 2);
                    source = open(p) ? source(p) : null;
                }
                case "destination" -> {
                    seen = once(seen, 3);
                    destination = open(p) ? destination(p) : null;
                }
                case "network" -> {
                    seen = once(seen, 4);
                    network = open(p) ? network(p) : null;
                }
                case "ipdr" -> {
                    seen = once(seen, 5);
                    ipdr = open(p) ? ipdr(p) : null;
                }
                case "log" -> {
                    seen = once(seen, 6);
                    log = open(p) ? log(p) : null;
                }
                case "file" -> {
                    seen = once(seen, 7);
                    file = open(p) ? file(p) : null;
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new SessionRecord(timestamp, event, source, destination, network, ipdr, log, file);
    }

    private static Event event(JsonParser p) throws IOException {
        String id = null;
        Instant start = null;
        Instant end = null;
        Long duration = null;
        String dataset = null;
        String original = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "id" -> {
                    seen = once(seen, 0);
                    id = text(p);
                }
                case "start" -> {
                    seen = once(seen, 1);
                    start = instant(p);
                }
                case "end" -> {
                    seen = once(seen, 2);
                    end = instant(p);
                }
                case "duration" -> {
                    seen = once(seen, 3);
                    duration = longValue(p);
                }
                case "dataset" -> {
                    seen = once(seen, 4);
                    dataset = text(p);
                }
                case "original" -> {
                    seen = once(seen, 5);
                    original = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Event(id, start, end, duration, dataset, original);
    }

    private static Source source(JsonParser p) throws IOException {
        String ip = null;
        Integer port = null;
        Nat nat = null;
        Long bytes = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "ip" -> {
                    seen = once(seen, 0);
                    ip = text(p);
                }
                case "port" -> {
                    seen = once(seen, 1);
                    port = intValue(p);
                }
                case "nat" -> {
                    seen = once(seen, 2);
                    nat = open(p) ? nat(p) : null;
                }
                case "bytes" -> {
                    seen = once(seen, 3);
                    bytes = longValue(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Source(ip, port, nat, bytes);
    }

    private static Nat nat(JsonParser p) throws IOException {
        String ip = null;
        Integer port = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "ip" -> {
                    seen = once(seen, 0);
                    ip = text(p);
                }
                case "port" -> {
                    seen = once(seen, 1);
                    port = intValue(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Nat(ip, port);
    }

    private static Destination destination(JsonParser p) throws IOException {
        String ip = null;
        Integer port = null;
        Long bytes = null;
        Geo geo = null;
        As as = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "ip" -> {
                    seen = once(seen, 0);
                    ip = text(p);
                }
                case "port" -> {
                    seen = once(seen, 1);
                    port = intValue(p);
                }
                case "bytes" -> {
                    seen = once(seen, 2);
                    bytes = longValue(p);
                }
                case "geo" -> {
                    seen = once(seen, 3);
                    geo = open(p) ? geo(p) : null;
                }
                case "as" -> {
                    seen = once(seen, 4);
                    as = open(p) ? as(p) : null;
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Destination(ip, port, bytes, geo, as);
    }

    private static Geo geo(JsonParser p) throws IOException {
        GeoPoint location = null;
        String iso = null;
        String country = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "location" -> {
                    seen = once(seen, 0);
                    location = open(p) ? point(p) : null;
                }
                case "country_iso_code" -> {
                    seen = once(seen, 1);
                    iso = text(p);
                }
                case "country_name" -> {
                    seen = once(seen, 2);
                    country = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Geo(location, iso, country);
    }

    private static As as(JsonParser p) throws IOException {
        Long number = null;
        Organization organization = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "number" -> {
                    seen = once(seen, 0);
                    number = longValue(p);
                }
                case "organization" -> {
                    seen = once(seen, 1);
                    organization = open(p) ? new Organization(onlyText(p, "name")) : null;
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new As(number, organization);
    }

    private static GeoPoint point(JsonParser p) throws IOException {
        double lat = 0;
        double lon = 0;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "lat" -> {
                    seen = once(seen, 0);
                    lat = doubleValue(p);
                }
                case "lon" -> {
                    seen = once(seen, 1);
                    lon = doubleValue(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new GeoPoint(lat, lon);
    }

    private static Network network(JsonParser p) throws IOException {
        return new Network(onlyText(p, "transport"));
    }

    private static Ipdr ipdr(JsonParser p) throws IOException {
        AParty aParty = null;
        Cell cell = null;
        Access access = null;
        String isp = null;
        String feed = null;
        String profile = null;
        Delivery delivery = null;
        Attribution attribution = null;
        List<Flag> flags = null;
        Double riskScore = null;
        BParty bParty = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "a_party" -> {
                    seen = once(seen, 0);
                    aParty = open(p) ? aParty(p) : null;
                }
                case "cell" -> {
                    seen = once(seen, 1);
                    cell = open(p) ? cell(p) : null;
                }
                case "access" -> {
                    seen = once(seen, 2);
                    access = open(p) ? access(p) : null;
                }
                case "isp" -> {
                    seen = once(seen, 3);
                    isp = text(p);
                }
                case "feed" -> {
                    seen = once(seen, 4);
                    feed = text(p);
                }
                case "profile" -> {
                    seen = once(seen, 5);
                    profile = text(p);
                }
                case "delivery" -> {
                    seen = once(seen, 6);
                    delivery = open(p) ? delivery(p) : null;
                }
                case "attribution" -> {
                    seen = once(seen, 7);
                    attribution = open(p) ? attribution(p) : null;
                }
                case "flags" -> {
                    seen = once(seen, 8);
                    flags = flags(p);
                }
                case "risk_score" -> {
                    seen = once(seen, 9);
                    riskScore = p.nextToken() == JsonToken.VALUE_NULL ? null : doubleHere(p);
                }
                case "b_party" -> {
                    seen = once(seen, 10);
                    bParty = open(p) ? bParty(p) : null;
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Ipdr(aParty, cell, access, isp, feed, profile, delivery, attribution, flags, riskScore, bParty);
    }

    private static AParty aParty(JsonParser p) throws IOException {
        String subscriberId = null;
        String msisdn = null;
        String imsi = null;
        String imei = null;
        String deviceId = null;
        String personName = null;
        String address = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "subscriber_id" -> {
                    seen = once(seen, 0);
                    subscriberId = text(p);
                }
                case "msisdn" -> {
                    seen = once(seen, 1);
                    msisdn = text(p);
                }
                case "imsi" -> {
                    seen = once(seen, 2);
                    imsi = text(p);
                }
                case "imei" -> {
                    seen = once(seen, 3);
                    imei = text(p);
                }
                case "device_id" -> {
                    seen = once(seen, 4);
                    deviceId = text(p);
                }
                case "name" -> {
                    seen = once(seen, 5);
                    personName = text(p);
                }
                case "address" -> {
                    seen = once(seen, 6);
                    address = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new AParty(subscriberId, msisdn, imsi, imei, deviceId, personName, address);
    }

    private static Cell cell(JsonParser p) throws IOException {
        String id = null;
        GeoPoint location = null;
        String lastId = null;
        Integer azimuth = null;
        String site = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "id" -> {
                    seen = once(seen, 0);
                    id = text(p);
                }
                case "location" -> {
                    seen = once(seen, 1);
                    location = open(p) ? point(p) : null;
                }
                case "last_id" -> {
                    seen = once(seen, 2);
                    lastId = text(p);
                }
                case "azimuth" -> {
                    seen = once(seen, 3);
                    azimuth = intValue(p);
                }
                case "name" -> {
                    seen = once(seen, 4);
                    site = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Cell(id, location, lastId, azimuth, site);
    }

    private static Access access(JsonParser p) throws IOException {
        String apn = null;
        String rat = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "apn" -> {
                    seen = once(seen, 0);
                    apn = text(p);
                }
                case "rat" -> {
                    seen = once(seen, 1);
                    rat = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Access(apn, rat);
    }

    private static Delivery delivery(JsonParser p) throws IOException {
        String id = null;
        Long line = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "id" -> {
                    seen = once(seen, 0);
                    id = text(p);
                }
                case "line" -> {
                    seen = once(seen, 1);
                    line = longValue(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Delivery(id, line);
    }

    private static Attribution attribution(JsonParser p) throws IOException {
        String method = null;
        List<String> evidence = null;
        List<String> candidates = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "method" -> {
                    seen = once(seen, 0);
                    method = text(p);
                }
                case "evidence" -> {
                    seen = once(seen, 1);
                    evidence = texts(p);
                }
                case "candidates" -> {
                    seen = once(seen, 2);
                    candidates = texts(p);
                }
                    // the candidates' detail: Jackson's general reader, as the whole record
                case "detail" -> throw OTHER_SHAPE;
                default -> skip(p);
            }
        }
        ended(p);
        return new Attribution(method, evidence, candidates, null);
    }

    private static List<Flag> flags(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw OTHER_SHAPE;
        }
        List<Flag> flags = new ArrayList<>(4);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                flags.add(null);
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                throw OTHER_SHAPE;
            }
            String flagName = null;
            String reason = null;
            Double score = null;
            int seen = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                switch (name) {
                    case "name" -> {
                        seen = once(seen, 0);
                        flagName = text(p);
                    }
                    case "reason" -> {
                        seen = once(seen, 1);
                        reason = text(p);
                    }
                    case "score" -> {
                        seen = once(seen, 2);
                        score = p.nextToken() == JsonToken.VALUE_NULL ? null : doubleHere(p);
                    }
                    default -> skip(p);
                }
            }
            ended(p);
            flags.add(new Flag(flagName, reason, score));
        }
        return flags;
    }

    private static BParty bParty(JsonParser p) throws IOException {
        String app = null;
        String category = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "app" -> {
                    seen = once(seen, 0);
                    app = text(p);
                }
                case "category" -> {
                    seen = once(seen, 1);
                    category = text(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new BParty(app, category);
    }

    private static Log log(JsonParser p) throws IOException {
        LogFile file = null;
        Long offset = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "file" -> {
                    seen = once(seen, 0);
                    file = open(p) ? new LogFile(onlyText(p, "path")) : null;
                }
                case "offset" -> {
                    seen = once(seen, 1);
                    offset = longValue(p);
                }
                default -> skip(p);
            }
        }
        ended(p);
        return new Log(file, offset);
    }

    private static FileRef file(JsonParser p) throws IOException {
        Hash hash = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (name.equals("hash")) {
                seen = once(seen, 0);
                hash = open(p) ? new Hash(onlyText(p, "sha256")) : null;
            } else {
                skip(p);
            }
        }
        ended(p);
        return new FileRef(hash);
    }

    /** An object of one text field (others ignored), the parser inside it. */
    private static String onlyText(JsonParser p, String field) throws IOException {
        String value = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (name.equals(field)) {
                seen = once(seen, 0);
                value = text(p);
            } else {
                skip(p);
            }
        }
        ended(p);
        return value;
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

    /** After the last field name of an object: the parser must be at its end. */
    private static void ended(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.END_OBJECT)) {
            throw OTHER_SHAPE;
        }
    }

    /** The field's bit, set; a field seen twice is for the general reader to settle. */
    private static int once(int seen, int bit) throws OtherShape {
        int mask = 1 << bit;
        if ((seen & mask) != 0) {
            throw OTHER_SHAPE;
        }
        return seen | mask;
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

    private static List<String> texts(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw OTHER_SHAPE;
        }
        List<String> values = new ArrayList<>(2);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                values.add(p.getText());
            } else if (t == JsonToken.VALUE_NULL) {
                values.add(null);
            } else {
                throw OTHER_SHAPE;
            }
        }
        return values;
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

    private static double doubleValue(JsonParser p) throws IOException {
        p.nextToken();
        return doubleHere(p);
    }

    /** The number the parser is at, as a double; a coordinate or score given as null or text is another shape. */
    private static double doubleHere(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        throw OTHER_SHAPE;
    }
}
