package io.flowanalyzer.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON form of the records, on Kafka and in Elasticsearch: ISO-8601 UTC instants, nulls left out. */
public final class RecordJson {
    private RecordJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // generated accessors instead of reflection: every record is written once on its way to Kafka
            .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
            .addModule(InstantText.module())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("session-record")
                    .addSerializer(new SessionRecordJson.Writer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object record) {
        if (record instanceof SessionRecord session) {
            return SessionRecordJson.toBytes(session);
        }
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The partial update that sets a session's A-party and attribution: {@code {"ipdr":{"a_party":…,
     * "attribution":…}}}, a null A-party and the attribution's absent lists written as null, so that they
     * clear what an earlier update filled.
     */
    public static byte[] attributionUpdate(SessionRecord.AParty party, SessionRecord.Attribution attribution) {
        return SessionRecordJson.attributionPart(party, attribution);
    }

    public static String toJson(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads a record; an {@link IOException} means the bytes are not a record of that type. */
    public static <T> T fromBytes(byte[] json, Class<T> type) throws IOException {
        if (type == SessionRecord.class) {
            return type.cast(SessionRecordJson.read(MAPPER, json));
        }
        return MAPPER.readValue(json, type);
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
