package io.flowanalyzer.portal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.flowanalyzer.portal.graph.PartyGraph;
import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Histogram;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseReportPdfTest {

    @Test
    void statesTheCaseTheSearchTheRecordsAndTheDeliveries() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(Map.of(
                    "event", Map.of("id", "s" + i, "start", "2024-03-01T00:0" + (i % 10) + ":00Z"),
                    "ipdr", Map.of("a_party", Map.of("msisdn", "9198200001" + String.format("%02d", i)), "isp", "jio"),
                    "destination", Map.of("ip", "157.240.1." + i, "port", 443)));
        }
        CaseReport report = new CaseReport(
                "CR-2026-114",
                "Requisition 77/2026",
                "asha",
                Instant.parse("2026-11-24T10:00:00Z"),
                "app:WhatsApp",
                "now-30d",
                null,
                List.of("ISP: jio", "not Flag: watch_list"),
                "/search?q=app:WhatsApp&from=now-30d&f=isp:jio",
                1234,
                new Histogram(
                        "1h",
                        List.of(
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T00:00:00Z"),
                                        Instant.parse("2024-03-01T01:00:00Z"),
                                        10),
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T01:00:00Z"),
                                        Instant.parse("2024-03-01T02:00:00Z"),
                                        0),
                                new Histogram.Bucket(
                                        Instant.parse("2024-03-01T02:00:00Z"),
                                        Instant.parse("2024-03-01T03:00:00Z"),
                                        4))),
                Map.of(Facet.APP, List.of(new Facet.Count("WhatsApp", 1234))),
                records,
                List.of(new CaseReport.Delivery("d1", "jio", "outgoing/jio.csv", "ab".repeat(32), 1234)),
                1,
                null,
                new PartyGraph.Graph(
                        1234,
                        0,
                        "ip",
                        true,
                        List.of(
                                new PartyGraph.Node("a:919820000101", "a", "919820000101", 900, 0, 2, 2, null),
                                new PartyGraph.Node("a:919820000102", "a", "919820000102", 334, 0, 0, 1, null),
                                new PartyGraph.Node("b:157.240.16.35", "b", "157.240.16.35", 1200, 0, 2, 2, null),
                                new PartyGraph.Node("b:149.154.167.51", "b", "149.154.167.51", 34, 0, 0, 1, null)),
                        List.of(
                                new PartyGraph.Link("a:919820000101", "b:157.240.16.35", 866, 0, 2, null, null),
                                new PartyGraph.Link("a:919820000101", "b:149.154.167.51", 34, 0, 0, null, null),
                                new PartyGraph.Link("a:919820000102", "b:157.240.16.35", 334, 0, 0, null, null)),
                        List.of(new PartyGraph.Contact(
                                "l1", "a:919820000101", "a:919820000102", 0.97, "WhatsApp", "together", null)),
                        null,
                        false),
                "/graph?q=app:WhatsApp&from=now-30d&f=isp:jio");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseReportPdf.write(report, out);
        byte[] pdf = out.toByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(2);
        PdfTextExtractor text = new PdfTextExtractor(reader);
        String first = text.getTextFromPage(1);
        assertThat(first)
                .contains("CR-2026-114")
                .contains("Requisition 77/2026")
                .contains("1,234")
                .contains("ISP: jio; not Flag: watch_list");
        String graph = text.getTextFromPage(2);
        assertThat(graph)
                .contains("Who reached whom")
                .contains("Every subscriber (2), B-party (2) and link (3) of the search.")
                .contains("The whole graph:")
                .contains("/graph?q=app:WhatsApp&from=now-30d&f=isp:jio")
                .contains("Subscribers (A-party)")
                .contains("919820000101 (900)")
                .contains("157.240.16.35 (1,200)");
        StringBuilder all = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            all.append(text.getTextFromPage(p)).append('\n');
        }
        assertThat(all.toString())
                .contains("The first 60 of 1,234 sessions, oldest first.")
                .contains("919820000159")
                .contains("ab".repeat(32))
                .contains("outgoing/jio.csv");
    }
}
