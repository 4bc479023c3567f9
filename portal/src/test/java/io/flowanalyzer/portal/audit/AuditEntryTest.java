package io.flowanalyzer.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AuditEntry entry(long seq, String prev) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("q", "msisdn:9820000106");
        detail.put("total", "40");
        return new AuditEntry(
                        seq,
                        "2026-11-24T10:00:00.123Z",
                        "asha",
                        "search",
                        "ok",
                        "10.1.2.3",
                        null,
                        "/search?q=msisdn:9820000106 → 40",
                        detail,
                        "FIR-0412-2026",
                        prev,
                        null)
                .sealed();
    }

    @Test
    void theHashSurvivesTheRoundTripThroughTheIndex() throws Exception {
        AuditEntry first = entry(1, AuditEntry.GENESIS);
        // as Elasticsearch gives the document back: JSON, keys in any order, numbers as ints
        String stored = JSON.writeValueAsString(first.document());
        Map<String, Object> read = JSON.readValue(stored, new TypeReference<>() {});
        assertThat(AuditEntry.hashOf(read)).isEqualTo(first.hash()).hasSize(64);
        assertThat(AuditEntry.of(read)).isEqualTo(first);
    }

    @Test
    void everyFieldIsCoveredByTheHashAndTheLinkToThePreviousEntry() throws Exception {
        AuditEntry first = entry(1, AuditEntry.GENESIS);
        AuditEntry second = entry(2, first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash());
        Map<String, Object> changed =
                JSON.readValue(JSON.writeValueAsString(first.document()), new TypeReference<>() {});
        changed.put("user", "someone-else");
        assertThat(AuditEntry.hashOf(changed)).isNotEqualTo(first.hash());
        Map<String, Object> detail =
                JSON.readValue(JSON.writeValueAsString(first.document()), new TypeReference<>() {});
        ((Map<String, Object>) detail.get("detail")).put("total", "41");
        assertThat(AuditEntry.hashOf(detail)).isNotEqualTo(first.hash());
        assertThat(entry(2, "f".repeat(64)).hash()).isNotEqualTo(second.hash());
    }
}
