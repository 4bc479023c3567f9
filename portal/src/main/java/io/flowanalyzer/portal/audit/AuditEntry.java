package io.flowanalyzer.portal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the audit trail, as stored in {@code ipdr-audit} (document id = sequence number):
 * who did what, when, from where, on what, in which case, how it went, and the SHA-256 of the entry
 * before it.
 * Its own hash covers every other field, so a changed entry, a removed one or one put in between
 * breaks the chain ({@link AuditVerifier}).
 */
public record AuditEntry(
        long seq,
        String timestamp,
        String user,
        String action,
        String outcome,
        String client,
        String subject,
        String summary,
        Map<String, String> detail,
        String caseNumber,
        String prevHash,
        String hash) {

    /** The hash the first entry follows. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The document as stored: snake_case names, {@code @timestamp}. */
    public Map<String, Object> document() {
        Map<String, Object> doc = withoutHash();
        doc.put("hash", hash);
        return doc;
    }

    private Map<String, Object> withoutHash() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seq", seq);
        doc.put("@timestamp", timestamp);
        doc.put("user", user);
        doc.put("action", action);
        doc.put("outcome", outcome);
        doc.put("client", client);
        doc.put("subject", subject);
        doc.put("summary", summary);
        doc.put("detail", detail == null ? Map.of() : detail);
        if (caseNumber != null) {
            doc.put("case", caseNumber); // entries from before cases existed have none, and keep their hash
        }
        doc.put("prev_hash", prevHash);
        return doc;
    }

    /** This entry with its hash computed. */
    public AuditEntry sealed() {
        return new AuditEntry(
                seq,
                timestamp,
                user,
                action,
                outcome,
                client,
                subject,
                summary,
                detail,
                caseNumber,
                prevHash,
                hashOf(withoutHash()));
    }

    /**
     * The SHA-256 of a stored document without its {@code hash}: canonical JSON (keys sorted at every
     * level, no spaces), so the same content always hashes the same however it was read back.
     */
    public static String hashOf(Map<String, Object> document) {
        Map<String, Object> content = new TreeMap<>(document);
        content.remove("hash");
        try {
            byte[] json = CANONICAL.writeValueAsBytes(content);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash an audit entry", e);
        }
    }

    static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    /** An entry read back from its stored document. */
    @SuppressWarnings("unchecked")
    public static AuditEntry of(Map<String, Object> doc) {
        Object seq = doc.get("seq");
        Map<String, String> detail = new LinkedHashMap<>();
        if (doc.get("detail") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> detail.put(String.valueOf(k), text(v)));
        }
        return new AuditEntry(
                seq instanceof Number n ? n.longValue() : -1,
                text(doc.get("@timestamp")),
                text(doc.get("user")),
                text(doc.get("action")),
                text(doc.get("outcome")),
                text(doc.get("client")),
                text(doc.get("subject")),
                text(doc.get("summary")),
                detail,
                text(doc.get("case")),
                text(doc.get("prev_hash")),
                text(doc.get("hash")));
    }
}
