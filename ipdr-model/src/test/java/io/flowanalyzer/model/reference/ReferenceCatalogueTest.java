package io.flowanalyzer.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceCatalogueTest {
    private static final Instant SWITCH = Instant.parse("2025-03-01T00:00:00Z");

    private final List<ReferenceEntry> entries = List.of(
            ReferenceEntry.subscriber(
                    "SUB-1", "919876543210", "404450000000001", null, "Ravi Kumar", "12 MG Road", "s:2"),
            ReferenceEntry.subscriber(null, "919812345678", null, "356938035643809", "Asha Rao", null, "s:3"),
            ReferenceEntry.app("157.240.0.0/16", "Facebook", "social", null, null, "a:2"),
            ReferenceEntry.app("157.240.1.0/24", "WhatsApp", "messaging", null, SWITCH, "a:3"),
            ReferenceEntry.app("157.240.1.0/24", "Meta Relay", "messaging", SWITCH, null, "a:4"),
            ReferenceEntry.watch("case-42", "203.0.113.7", "C2 server", 0.9, null, null, "w:2"),
            ReferenceEntry.watch("tor-exits", "203.0.113.0/24", "Tor exit", null, null, null, "w:3"),
            ReferenceEntry.cell("404-45-1234-5678", 12.9716, 77.5946, 120, "Bengaluru MG Road", null, "c:2"));

    private final ReferenceCatalogue catalogue = ReferenceCatalogue.of(entries);

    @Test
    void appsAreMatchedAtTheSessionsOwnTime() {
        assertThat(catalogue
                        .app("157.240.1.35", Instant.parse("2024-12-31T23:00:00Z"))
                        .app())
                .isEqualTo("WhatsApp");
        assertThat(catalogue.app("157.240.1.35", SWITCH).app()).isEqualTo("Meta Relay");
        assertThat(catalogue.app("157.240.9.9", SWITCH).app()).isEqualTo("Facebook");
        assertThat(catalogue.app("8.8.8.8", SWITCH)).isNull();
        assertThat(catalogue.app("not-an-ip", SWITCH)).isNull();
        assertThat(catalogue.apps()).isEqualTo(3);
    }

    @Test
    void everyWatchListHoldingTheAddressIsReported() {
        assertThat(catalogue.watchHits("203.0.113.7", SWITCH))
                .extracting(ReferenceEntry::label)
                .containsExactly("C2 server", "Tor exit");
        assertThat(catalogue.watchHits("203.0.113.8", SWITCH))
                .extracting(ReferenceEntry::list)
                .containsExactly("tor-exits");
        assertThat(catalogue.watchHits("198.51.100.1", SWITCH)).isEmpty();
    }

    @Test
    void cellsAndSubscribersAreFoundByAnyOfTheirIdentifiers() {
        assertThat(catalogue.cell(" 404-45-1234-5678 ").lat()).isEqualTo(12.9716);
        assertThat(catalogue.cell("404-45-1234-5679")).isNull();
        assertThat(catalogue
                        .subscriber(new SessionRecord.AParty(null, "919876543210", null, null, null, null))
                        .name())
                .isEqualTo("Ravi Kumar");
        assertThat(catalogue
                        .subscriber(new SessionRecord.AParty(null, null, "404450000000001", null, null, null))
                        .subscriberId())
                .isEqualTo("SUB-1");
        assertThat(catalogue
                        .subscriber(new SessionRecord.AParty(null, null, null, "356938035643809", null, null))
                        .name())
                .isEqualTo("Asha Rao");
        assertThat(catalogue.subscriber(new SessionRecord.AParty("SUB-9", null, null, null, null, null)))
                .isNull();
    }

    @Test
    void unusableEntriesAreLeftOutAndCounted() {
        List<ReferenceEntry> bad = new ArrayList<>(entries);
        bad.add(ReferenceEntry.app("not-a-cidr", "X", null, null, null, "a:9"));
        bad.add(ReferenceEntry.cell("C1", 91, 0, null, null, null, "c:9"));
        bad.add(ReferenceEntry.watch("l", "10.0.0.0/8", "x", 1.5, null, null, "w:9"));
        bad.add(ReferenceEntry.app("10.0.0.0/8", "X", null, SWITCH, SWITCH, "a:10"));
        bad.add(new ReferenceEntry(
                "planet",
                "planet|1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        ReferenceCatalogue c = ReferenceCatalogue.of(bad);
        assertThat(c.unusable()).isEqualTo(5);
        assertThat(c.apps()).isEqualTo(3);
        assertThat(bad.get(bad.size() - 2).problem()).contains("ends").contains("before it starts");
    }

    @Test
    void entriesTravelAsSnakeCaseJson() throws Exception {
        ReferenceEntry cell = entries.get(7);
        String json = new String(RecordJson.toBytes(cell), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"kind\":\"cell\",\"key\":\"cell|404-45-1234-5678\",\"cell_id\":\"404-45-1234-5678\","
                        + "\"lat\":12.9716,\"lon\":77.5946,\"azimuth\":120,\"name\":\"Bengaluru MG Road\","
                        + "\"source\":\"c:2\"}");
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(entries.get(4)), ReferenceEntry.class))
                .isEqualTo(entries.get(4));
    }
}
