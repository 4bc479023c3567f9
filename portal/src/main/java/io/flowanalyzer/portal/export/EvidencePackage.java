package io.flowanalyzer.portal.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An evidence package: the export files (the CSV of every record and the PDF case report), a
 * certificate stating how the records were produced — the statement courts ask for with electronic
 * records (Section 63 of the Bharatiya Sakshya Adhiniyam, 2023; formerly Section 65B of the Indian
 * Evidence Act) —, {@code SHA256SUMS} (checkable with {@code sha256sum -c}) and {@code manifest.json},
 * in one ZIP.
 */
final class EvidencePackage {
    static final String CERTIFICATE = "certificate.pdf";
    static final String SUMS = "SHA256SUMS";
    static final String MANIFEST = "manifest.json";

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidencePackage() {}

    /** A file of the package, with its digest computed when it was written. */
    record Part(String name, Path file, long size, String sha256) {}

    /** What the certificate states: the case and its authority, who searched what, and how many records. */
    record Facts(
            String caseNumber,
            String caseTitle,
            String authority,
            String purpose,
            String preparedBy,
            Instant preparedAt,
            String search,
            long records,
            String identifiers) {}

    /** Writes the package to {@code zip}: the parts, the certificate, SHA256SUMS and the manifest. */
    static void write(Path zip, Facts facts, List<Part> parts) throws IOException {
        byte[] certificate = certificate(facts, parts);
        List<Part> all = new ArrayList<>(parts);
        all.add(new Part(CERTIFICATE, null, certificate.length, sha256(certificate)));
        StringBuilder sums = new StringBuilder();
        for (Part p : all) {
            sums.append(p.sha256()).append("  ").append(p.name()).append('\n');
        }
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Part p : parts) {
                z.putNextEntry(new ZipEntry(p.name()));
                try (InputStream in = Files.newInputStream(p.file())) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
            entry(z, CERTIFICATE, certificate);
            entry(z, SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
            entry(z, MANIFEST, JSON.writeValueAsBytes(manifest(facts, all)));
        }
    }

    private static void entry(ZipOutputStream z, String name, byte[] content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content);
        z.closeEntry();
    }

    private static Map<String, Object> manifest(Facts f, List<Part> parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", f.caseNumber());
        m.put("case_title", f.caseTitle());
        m.put("authority", f.authority());
        m.put("prepared_by", f.preparedBy());
        m.put("prepared_at", f.preparedAt().toString());
        m.put("search", f.search());
        m.put("records", f.records());
        m.put("identifiers", f.identifiers() == null ? "shown as delivered" : f.identifiers());
        List<Map<String, Object>> files = new ArrayList<>();
        for (Part p : parts) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", p.name());
            file.put("size", p.size());
            file.put("sha256", p.sha256());
            files.add(file);
        }
        m.put("files", files);
        return m;
    }

    /** The certificate page: what the records are, how they were produced, their digests, and the declaration to sign. */
    static byte[] certificate(Facts f, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Certificate for the electronic records of case " + f.caseNumber());
            doc.open();
            doc.add(new Paragraph("Certificate in respect of electronic records", CaseReportPdf.TITLE));
            doc.add(new Paragraph(
                    "Section 63 of the Bharatiya Sakshya Adhiniyam, 2023 (formerly Section 65B of the Indian Evidence Act, 1872)",
                    CaseReportPdf.NOTE));
            PdfPTable facts = new PdfPTable(new float[] {1.3f, 5f});
            facts.setWidthPercentage(100);
            facts.setSpacingBefore(10);
            CaseReportPdf.fact(facts, "Case", f.caseNumber() + " — " + f.caseTitle());
            CaseReportPdf.fact(facts, "Legal authority", f.authority());
            CaseReportPdf.fact(facts, "Purpose", f.purpose());
            CaseReportPdf.fact(facts, "Produced by", f.preparedBy() + " on IPDR FlowAnalyzer");
            CaseReportPdf.fact(facts, "Produced at", UTC.format(f.preparedAt()));
            CaseReportPdf.fact(facts, "Search", f.search());
            CaseReportPdf.fact(facts, "Records", String.format("%,d session records", f.records()));
            CaseReportPdf.fact(facts, "Identifiers", f.identifiers() == null ? "shown as delivered" : f.identifiers());
            doc.add(facts);

            doc.add(heading("How the records were produced"));
            for (String s : List.of(
                    "1. The records were read from the files the Internet service providers delivered, which are listed with their SHA-256 digests in the case report (case-report.pdf). Each file's digest was computed when it was received, and a custody record keeps the number of lines read, accepted and rejected.",
                    "2. Each accepted line became one record carrying the digest of its file and its line number. A line that could not be read was recorded as a reject with its reason; no line was changed.",
                    String.format(
                            "3. The search stated above was run on %s by %s in case %s. All %,d of the session records it matched are in sessions.csv. They were read from one consistent snapshot of the index, and none was left out or altered.",
                            UTC.format(f.preparedAt()), f.preparedBy(), f.caseNumber(), f.records()),
                    "4. The files of this package have the SHA-256 digests below; SHA256SUMS lists them in the form 'sha256sum -c SHA256SUMS' checks. A change to any file changes its digest. The search, the export and this package are entries in the system's hash-chained audit trail.")) {
                Paragraph p = new Paragraph(s, CaseReportPdf.TEXT);
                p.setSpacingAfter(4);
                doc.add(p);
            }
            PdfPTable files = new PdfPTable(new float[] {1.6f, 1f, 5f});
            files.setWidthPercentage(100);
            files.setSpacingBefore(6);
            for (Part p : parts) {
                files.addCell(new Paragraph(p.name(), CaseReportPdf.TEXT));
                files.addCell(new Paragraph(String.format("%,d bytes", p.size()), CaseReportPdf.TEXT));
                files.addCell(new Paragraph(p.sha256(), CaseReportPdf.TEXT));
            }
            doc.add(files);

            doc.add(heading("Declaration"));
            doc.add(new Paragraph(
                    "I, the undersigned, occupying a responsible official position in relation to the operation of the computer system named above, state that to the best of my knowledge and belief the system was operating properly throughout the period in which these records were produced, that the records were produced from the information fed into it in the ordinary course of its use, and that the particulars above are true.",
                    CaseReportPdf.TEXT));
            PdfPTable sign = new PdfPTable(new float[] {1.3f, 5f});
            sign.setWidthPercentage(100);
            sign.setSpacingBefore(14);
            for (String field : List.of("Name", "Designation", "Signature", "Date", "Place")) {
                CaseReportPdf.fact(sign, field, " \n ");
            }
            doc.add(sign);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the certificate could not be laid out", e);
        }
        return out.toByteArray();
    }

    private static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, CaseReportPdf.HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        return p;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
