package io.flowanalyzer.correlator.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.geo.OfflineGeo;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionEnrichmentTest {
    private static final Instant T = Instant.parse("2026-11-24T05:00:00Z");
    private final ReferenceCatalogue reference = ReferenceCatalogue.of(List.of(
            ReferenceEntry.subscriber(
                    "SUB-1", "919876543210", "404450000000001", null, "Ravi Kumar", "12 MG Road", "s:2"),
            ReferenceEntry.app("157.240.0.0/16", "Facebook", "social", null, null, "a:2"),
            ReferenceEntry.app("157.240.1.0/24", "WhatsApp", "messaging", null, null, "a:3"),
            ReferenceEntry.watch("case-42", "157.240.1.35", "relay", 0.5, null, null, "w:2"),
            ReferenceEntry.watch("intel", "157.240.0.0/16", null, null, null, null, "w:3"),
            ReferenceEntry.cell("404-45-1234-5678", 12.9716, 77.5946, 120, "MG Road", null, "c:2")));

    private static SessionRecord session(String destination, SessionRecord.AParty party, String cell) {
        return new SessionRecord(
                T,
                new SessionRecord.Event("e1", T, null, null, "in-dot-ipdr", "raw"),
                new SessionRecord.Source("10.1.2.3", 40000, null, 100L),
                new SessionRecord.Destination(destination, 443, 200L),
                new SessionRecord.Network("tcp"),
                new SessionRecord.Ipdr(
                        party,
                        cell == null ? null : new SessionRecord.Cell(cell, null, null),
                        null,
                        "jio",
                        "inbox",
                        "in-dot-ipdr@1",
                        null,
                        null,
                        null,
                        null),
                null,
                null);
    }

    @Test
    void aSessionGetsItsAppCountryAsCellPlaceDirectoryEntryAndWatchFlags() {
        SessionRecord enriched = SessionEnrichment.enrich(
                session(
                        "157.240.1.35",
                        new SessionRecord.AParty(null, null, "404450000000001", null, null, null),
                        "404-45-1234-5678"),
                reference,
                OfflineGeo.bundled());
        assertThat(enriched.ipdr().bParty()).isEqualTo(new SessionRecord.BParty("WhatsApp", "messaging"));
        assertThat(enriched.destination().as())
                .isEqualTo(new SessionRecord.As(32934L, new SessionRecord.Organization("Facebook, Inc.")));
        assertThat(enriched.destination().geo().countryIsoCode()).isEqualTo("US");
        assertThat(enriched.ipdr().cell().location()).isEqualTo(new SessionRecord.GeoPoint(12.9716, 77.5946));
        assertThat(enriched.ipdr().cell().azimuth()).isEqualTo(120);
        assertThat(enriched.ipdr().cell().name()).isEqualTo("MG Road");
        assertThat(enriched.ipdr().aParty())
                .isEqualTo(new SessionRecord.AParty(
                        "SUB-1", "919876543210", "404450000000001", null, null, "Ravi Kumar", "12 MG Road"));
        assertThat(enriched.ipdr().flags())
                .containsExactly(
                        new SessionRecord.Flag(
                                "watch_list",
                                "destination 157.240.1.35 is on watch list 'case-42': relay (157.240.1.35/32)",
                                0.5),
                        new SessionRecord.Flag(
                                "watch_list",
                                "destination 157.240.1.35 is on watch list 'intel' (157.240.0.0/16)",
                                0.8));
        // 1 − (1 − 0.5)(1 − 0.8)
        assertThat(enriched.ipdr().riskScore()).isEqualTo(0.9);
        String json = new String(RecordJson.toBytes(enriched), StandardCharsets.UTF_8);
        assertThat(json)
                .contains(
                        "\"destination\":{\"ip\":\"157.240.1.35\",\"port\":443,\"bytes\":200,\"geo\":{\"location\":{\"lat\":38.0,\"lon\":-97.0},"
                                + "\"country_iso_code\":\"US\",\"country_name\":\"United States\"},\"as\":{\"number\":32934,"
                                + "\"organization\":{\"name\":\"Facebook, Inc.\"}}}")
                .contains("\"b_party\":{\"app\":\"WhatsApp\",\"category\":\"messaging\"}");
    }

    @Test
    void whatTheRecordSaysIsNeverOverwrittenAndUnknownsStayUnknown() {
        SessionRecord.AParty own = new SessionRecord.AParty("SUB-9", "919876543210", null, null, null, "As Delivered");
        SessionRecord enriched =
                SessionEnrichment.enrich(session("10.9.9.9", own, "999-99-1-1"), reference, OfflineGeo.bundled());
        assertThat(enriched.ipdr().aParty().subscriberId()).isEqualTo("SUB-9");
        assertThat(enriched.ipdr().aParty().name()).isEqualTo("As Delivered");
        assertThat(enriched.ipdr().aParty().address()).isEqualTo("12 MG Road");
        assertThat(enriched.destination().geo()).isNull();
        assertThat(enriched.destination().as()).isNull();
        assertThat(enriched.ipdr().bParty()).isNull();
        assertThat(enriched.ipdr().cell().location()).isNull();
        assertThat(enriched.ipdr().flags()).isNull();
        assertThat(enriched.ipdr().riskScore()).isNull();
        // enriching twice changes nothing more (a re-delivered record, a replay after restart)
        assertThat(SessionEnrichment.enrich(enriched, reference, OfflineGeo.bundled()))
                .isEqualTo(enriched);
        SessionRecord flagged =
                SessionEnrichment.enrich(session("157.240.1.35", null, null), reference, OfflineGeo.bundled());
        assertThat(SessionEnrichment.enrich(flagged, reference, OfflineGeo.bundled()))
                .isEqualTo(flagged);
    }

    @Test
    void riskScoresCombineAsIndependentEvidence() {
        assertThat(SessionEnrichment.riskScore(null)).isNull();
        assertThat(SessionEnrichment.riskScore(List.of(new SessionRecord.Flag("a", "r", 0.3))))
                .isEqualTo(0.3);
        assertThat(SessionEnrichment.riskScore(
                        List.of(new SessionRecord.Flag("a", "r", 0.5), new SessionRecord.Flag("b", "r", 0.5))))
                .isEqualTo(0.75);
        assertThat(SessionEnrichment.riskScore(
                        List.of(new SessionRecord.Flag("a", "r", 1.0), new SessionRecord.Flag("b", "r", null))))
                .isEqualTo(1.0);
    }
}
