package io.flowanalyzer.portal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
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
                null);
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
