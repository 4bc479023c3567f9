package io.flowanalyzer.portal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidencePackageTest {
    @TempDir
    Path dir;

    @Test
    void thePackageHoldsTheFilesACertificateAndDigestsThatCheck() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "msisdn,app\n919876543210,WhatsApp\n");
        Path pdf = Files.write(dir.resolve("b.pdf"), "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));
        EvidencePackage.Facts facts = new EvidencePackage.Facts(
                "FIR-0412-2026",
                "Extortion calls",
                "Warrant W-114/2026 issued by CJM Pune, valid 2026-11-01 to 2026-11-30",
                "identify the caller",
                "asha",
                Instant.parse("2026-11-24T10:00:00Z"),
                "app:WhatsApp, now-30d to now",
                1,
                null);
        Path zip = dir.resolve("p.zip");
        EvidencePackage.write(
                zip,
                facts,
                List.of(
                        new EvidencePackage.Part("sessions.csv", csv, Files.size(csv), EvidencePackage.sha256(csv)),
                        new EvidencePackage.Part(
                                "case-report.pdf", pdf, Files.size(pdf), EvidencePackage.sha256(pdf))));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.keySet())
                .containsExactly("sessions.csv", "case-report.pdf", "certificate.pdf", "SHA256SUMS", "manifest.json");
        assertThat(entries.get("sessions.csv")).isEqualTo(Files.readAllBytes(csv));
        String sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8);
        assertThat(sums)
                .isEqualTo(EvidencePackage.sha256(entries.get("sessions.csv")) + "  sessions.csv\n"
                        + EvidencePackage.sha256(entries.get("case-report.pdf")) + "  case-report.pdf\n"
                        + EvidencePackage.sha256(entries.get("certificate.pdf")) + "  certificate.pdf\n");

        JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
        assertThat(manifest.path("case").asText()).isEqualTo("FIR-0412-2026");
        assertThat(manifest.path("records").asLong()).isEqualTo(1);
        assertThat(manifest.at("/files/0/sha256").asText()).isEqualTo(EvidencePackage.sha256(csv));
        assertThat(manifest.at("/files/2/name").asText()).isEqualTo("certificate.pdf");

        PdfReader reader = new PdfReader(entries.get("certificate.pdf"));
        String text = new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", " ");
        assertThat(text)
                .contains("Certificate in respect of electronic records")
                .contains("Section 63 of the Bharatiya Sakshya Adhiniyam, 2023")
                .contains("FIR-0412-2026 — Extortion calls")
                .contains("Warrant W-114/2026 issued by CJM Pune")
                .contains("All 1 of the session records it matched are in sessions.csv")
                .contains(EvidencePackage.sha256(csv))
                .contains("Declaration");
    }
}
