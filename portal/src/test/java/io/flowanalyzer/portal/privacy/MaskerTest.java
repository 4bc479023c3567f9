package io.flowanalyzer.portal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {
    private static final Masker MASKER = new Masker("k".repeat(32).getBytes(StandardCharsets.US_ASCII), "masked");

    private static Map<String, Object> session() {
        return Map.of(
                "event",
                Map.of(
                        "id",
                        "abc",
                        "original",
                        "919876543210,404450123456789,356938035643809,Asha Rao,10.0.0.1,20261124213000"),
                "source",
                Map.of("ip", "10.0.0.1"),
                "ipdr",
                Map.of(
                        "a_party",
                        Map.of(
                                "msisdn", "919876543210",
                                "imsi", "404450123456789",
                                "imei", "356938035643809",
                                "name", "Asha Rao",
                                "subscriber_id", "SUB-77"),
                        "flags",
                        List.of(Map.of("name", "sim_swap", "reason", "IMEI 356938035643809 seen with a new IMSI")),
                        "attribution",
                        Map.of(
                                "candidates", List.of("919876543210", "919812345678"),
                                "detail", List.of(Map.of("subscriber", Map.of("msisdn", "919812345678"))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> doc, String... path) {
        Map<String, Object> m = doc;
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    @Test
    void everyIdentifierBecomesItsPseudonymAndNothingElseChanges() {
        Map<String, Object> shown = MASKER.document(session());
        Map<String, Object> party = at(shown, "ipdr", "a_party");
        assertThat(party.get("msisdn")).isEqualTo(MASKER.value("919876543210"));
        assertThat((String) party.get("msisdn")).matches("MASKED-[0-9A-F]{8}");
        assertThat(party.get("imsi")).isEqualTo(MASKER.value("404450123456789"));
        assertThat(party.get("imei")).isEqualTo(MASKER.value("356938035643809"));
        assertThat(party.get("name")).isEqualTo(MASKER.value("Asha Rao"));
        assertThat(party.get("subscriber_id")).isEqualTo(MASKER.value("SUB-77"));
        assertThat(at(shown, "source").get("ip")).isEqualTo("10.0.0.1");
        assertThat(at(shown, "event").get("id")).isEqualTo("abc");
        assertThat(at(shown, "ipdr", "attribution").get("candidates"))
                .isEqualTo(List.of(MASKER.value("919876543210"), MASKER.value("919812345678")));
        String flags = shown.get("ipdr").toString();
        assertThat(flags).contains("sim_swap").doesNotContain("356938035643809").doesNotContain("919812345678");
    }

    @Test
    void theRawLineKeepsItsShapeWithoutTheIdentifiers() {
        String raw = (String) at(MASKER.document(session()), "event").get("original");
        assertThat(raw)
                .isEqualTo(String.join(
                        ",",
                        MASKER.value("919876543210"),
                        MASKER.value("404450123456789"),
                        MASKER.value("356938035643809"),
                        MASKER.value("Asha Rao"),
                        "10.0.0.1",
                        "20261124213000"));
    }

    @Test
    void aNationalAndAnInternationalNumberAreTheSamePseudonym() {
        assertThat(MASKER.value("9876543210")).isEqualTo(MASKER.value("919876543210"));
        assertThat(MASKER.value("9876543210")).isNotEqualTo(MASKER.value("9876543211"));
        assertThat(MASKER.text("call from 9876543210 at 1764000000 via 20261124213000"))
                .isEqualTo("call from " + MASKER.value("9876543210") + " at 1764000000 via 20261124213000");
    }

    @Test
    void anotherKeyGivesOtherPseudonymsAndNoMaskerChangesNothing() {
        Masker other = new Masker("z".repeat(32).getBytes(StandardCharsets.US_ASCII), "masked");
        assertThat(other.value("919876543210")).isNotEqualTo(MASKER.value("919876543210"));
        Map<String, Object> doc = session();
        assertThat(Masker.NONE.document(doc)).isSameAs(doc);
        assertThat(Masker.NONE.value("919876543210")).isEqualTo("919876543210");
        assertThat(MASKER.value(MASKER.value("1"))).isEqualTo(MASKER.value("1"));
    }

    @Test
    void dottedFieldNamesAreMaskedToo() {
        Map<String, Object> flat = MASKER.document(Map.of(
                "ipdr.a_party.msisdn",
                "919876543210",
                "ipdr.b_party.app",
                "WhatsApp",
                "destination.as.organization.name",
                "Meta"));
        assertThat(flat.get("ipdr.a_party.msisdn")).isEqualTo(MASKER.value("919876543210"));
        assertThat(flat.get("ipdr.b_party.app")).isEqualTo("WhatsApp");
        assertThat(flat.get("destination.as.organization.name")).isEqualTo("Meta");
    }

    @Test
    void bothPartiesOfAProbableContactAreMaskedButTheRelayIsNot() {
        Map<String, Object> link = Map.of(
                "relay", Map.of("ip", "157.240.16.40", "app", "WhatsApp"),
                "link",
                        Map.of(
                                "reason",
                                "Both reached WhatsApp relay 157.240.16.40 together",
                                "sessions",
                                List.of("s1")),
                "party_a", Map.of("msisdn", "919833300001", "name", "Asha Rao", "isp", "jio"),
                "party_b", Map.of("msisdn", "919844400002", "name", "Ravi Kumar", "session", Map.of("id", "s2")));
        Map<String, Object> shown = MASKER.document(link);
        assertThat(at(shown, "party_a").get("msisdn")).isEqualTo(MASKER.value("919833300001"));
        assertThat(at(shown, "party_a").get("name")).isEqualTo(MASKER.value("Asha Rao"));
        assertThat(at(shown, "party_a").get("isp")).isEqualTo("jio");
        assertThat(at(shown, "party_b").get("msisdn")).isEqualTo(MASKER.value("919844400002"));
        assertThat(at(shown, "party_b").get("name")).isEqualTo(MASKER.value("Ravi Kumar"));
        assertThat(at(shown, "party_b", "session").get("id")).isEqualTo("s2");
        assertThat(at(shown, "relay")).isEqualTo(link.get("relay"));
    }
}
