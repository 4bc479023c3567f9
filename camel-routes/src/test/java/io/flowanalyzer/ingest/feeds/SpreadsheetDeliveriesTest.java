package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XLSX as operators send it: a merged banner, typed date and time cells, numeric MSISDNs, a spare empty sheet. */
class SpreadsheetDeliveriesTest {
    private static final Clock CLOCK = Fixtures.CLOCK;

    @TempDir
    Path dir;

    private Path workbook() throws Exception {
        return workbook("ipdr-9876543210.xlsx", new XSSFWorkbook());
    }

    /** The operator's report in {@code wb} (XLSX, or the legacy XLS of Excel 97–2003), written to {@code name}. */
    private Path workbook(String name, org.apache.poi.ss.usermodel.Workbook wb) throws Exception {
        Path file = dir.resolve(name);
        try (wb;
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("IPDR");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle time = wb.createCellStyle();
            time.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("hh:mm:ss"));
            sheet.createRow(0).createCell(0).setCellValue("Dynamic IPDR Report");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
            sheet.createRow(1).createCell(0).setCellValue("Input Value : 9876543210");
            String[] header = {
                "Landline/MSISDN/MDN/Leased Circuit ID for Internet Access",
                "Source IP Address",
                "Source Port",
                "Destination IP Address",
                "Destination Port",
                "Start Date of Public IP Address allocation (dd/mm/yyyy)",
                "IST Start Time of Public IP address allocation (hh:mm:ss)",
                "Data Volume Up Link",
                "Data Volume Down Link"
            };
            Row h = sheet.createRow(3);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            Row r = sheet.createRow(4);
            r.createCell(0).setCellValue(919876543210d); // Excel shows 9.19877E+11
            r.createCell(1).setCellValue("10.20.30.40");
            r.createCell(2).setCellValue(40001);
            r.createCell(3).setCellValue("157.240.16.52");
            r.createCell(4).setCellValue(443);
            r.createCell(5).setCellValue(LocalDateTime.of(2024, 3, 1, 0, 0));
            r.getCell(5).setCellStyle(date);
            r.createCell(6).setCellValue(LocalDateTime.of(1899, 12, 31, 10, 15, 30));
            r.getCell(6).setCellStyle(time);
            r.getCell(6).setCellValue((10 * 3600 + 15 * 60 + 30) / 86400.0);
            r.createCell(7).setCellValue(1200);
            r.createCell(8).setCellValue(56000);
            Row bad = sheet.createRow(5);
            bad.createCell(0).setCellValue("9876543210");
            bad.createCell(1).setCellValue("10.20.30.999");
            bad.createCell(5).setCellValue("01/03/2024");
            bad.createCell(6).setCellValue("10:20:00");
            sheet.createRow(7).createCell(0).setCellValue("Total Records : 2");
            wb.createSheet("Sheet2");
            wb.write(out);
        }
        return file;
    }

    @Test
    void readsTheFirstSheetBelowItsBannerWithTypedCellsAsInvestigatorsMeanThem() throws Exception {
        Path file = workbook();
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .readAll(file, new DeliveryIntake.Source("jio", "inbox", "ipdr-9876543210.xlsx", null, null));

        assertTheReport(outcomes, out, "ipdr-9876543210.xlsx!/IPDR");
    }

    /**
     * The operator's report of {@link #workbook} (or the same in another workbook format) as read: one
     * delivery for its one sheet with rows, the banner skipped, one session and two rejects at Excel's row numbers.
     */
    private static SessionRecord assertTheReport(
            List<DeliveryIntake.Outcome> outcomes, CollectingPublisher out, String fileName) {
        assertThat(outcomes).hasSize(1); // the empty second sheet is no delivery
        Delivery d = outcomes.get(0).delivery();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.fileName()).isEqualTo(fileName);
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.preambleLines()).isEqualTo(2);
        assertThat(d.lines()).isEqualTo(3);
        assertThat(d.accepted()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(2);

        SessionRecord s = out.records.get(0);
        assertThat(s.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(s.source().port()).isEqualTo(40001);
        assertThat(s.destination()).isEqualTo(new SessionRecord.Destination("157.240.16.52", 443, 56000L));
        assertThat(s.ipdr().delivery().line()).isEqualTo(5L); // Excel's own row number
        assertThat(s.log().offset()).isNull();

        assertThat(out.rejects).extracting(Reject::line).containsExactly(6L, 8L);
        assertThat(out.rejects.get(0).reason()).isEqualTo("Source IP Address '10.20.30.999' is not an IP address");
        assertThat(out.rejects.get(1).reason())
                .isEqualTo("a banner, footer, comment or rule line of the report, not a record");
        return s;
    }

    /** The first delivery of {@code file} as read, under {@code name}, with nothing published kept. */
    private static Delivery firstDelivery(Path file, String name) throws Exception {
        return new DeliveryIntake(new CollectingPublisher(), FormatProfiles.builtIn(), CLOCK)
                .readAll(file, new DeliveryIntake.Source("jio", "inbox", name, null, null))
                .get(0)
                .delivery();
    }

    @Test
    void quarantinesAWorkbookThatCannotBeRead() throws Exception {
        Path file = Files.write(dir.resolve("fake.xlsx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Delivery d = firstDelivery(file, "fake.xlsx");
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).startsWith("the zip archive cannot be read");
    }

    @Test
    void readsALegacyXlsWorkbookAsItReadsAnXlsxOne() throws Exception {
        Path file = workbook("ipdr-9876543210.xls", new org.apache.poi.hssf.usermodel.HSSFWorkbook());
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .readAll(file, new DeliveryIntake.Source("jio", "inbox", "ipdr-9876543210.xls", null, null));

        assertTheReport(outcomes, out, "ipdr-9876543210.xls!/IPDR");
        assertThat(outcomes.get(0).delivery().sha256())
                .isEqualTo(
                        io.flowanalyzer.ingest.custody.DeliveryCustody.of(file).sha256());
    }

    @Test
    void quarantinesAnOfficeFileThatHoldsNoWorkbookAndAnXlsThatIsCutShort() throws Exception {
        Path doc = dir.resolve("report.xls");
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs =
                        new org.apache.poi.poifs.filesystem.POIFSFileSystem();
                OutputStream out = Files.newOutputStream(doc)) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "WordDocument");
            fs.writeFilesystem(out);
        }
        Delivery d = firstDelivery(doc, "report.xls");
        assertThat(d.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(d.reason()).isEqualTo("the OLE2 file holds no Excel workbook (a Word or other Office file?)");

        Path whole = workbook("whole.xls", new org.apache.poi.hssf.usermodel.HSSFWorkbook());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.xls"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Delivery broken = firstDelivery(cut, "cut.xls");
        assertThat(broken.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(broken.reason()).startsWith("the workbook cannot be read");
    }

    @Test
    void readsAnXlsThatIsAnHtmlTableAsPortalsExportThem() throws Exception {
        // a portal's "Excel" download: an HTML page whose tables are the report, saved with .xls
        String html =
                """
                <html xmlns:x="urn:schemas-microsoft-com:office:excel">
                <head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
                <body>
                <table><tr><td colspan="5"><b>Dynamic IPDR Report</b></td></tr>
                <tr><td>Input Value : 9876543210</td></tr></table>
                <table border="1">
                <tr><th>Landline/MSISDN/MDN/Leased Circuit ID for Internet Access</th><th>Source IP Address</th>
                <th>Source Port</th><th>Destination IP Address</th><th>Destination Port</th>
                <th>Start Date of Public IP Address allocation (dd/mm/yyyy)</th>
                <th>IST Start Time of Public IP address allocation (hh:mm:ss)</th></tr>
                <tr><td>919876543210</td><td>10.20.30.40</td><td>40001</td><td>157.240.16.52</td><td>443</td>
                <td>01/03/2024</td><td>10:15:30&nbsp;</td></tr>
                <tr><td>9876543210<td>10.20.30.999<td>40002<td>157.240.16.52<td>443<td>01/03/2024<td>10:16:30
                <tr><td colspan="7">Total Records : 2</td></tr>
                </table></body></html>
                """;
        Path file = Files.writeString(dir.resolve("ipdr-9876543210.xls"), html);
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .readAll(file, new DeliveryIntake.Source("jio", "inbox", "ipdr-9876543210.xls", null, null));

        assertThat(outcomes).hasSize(1);
        Delivery d = outcomes.get(0).delivery();
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.preambleLines()).isEqualTo(2);
        assertThat(d.lines()).isEqualTo(3);
        assertThat(d.accepted()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(2);

        SessionRecord s = out.records.get(0);
        assertThat(s.ipdr().aParty().msisdn()).isEqualTo("919876543210");
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));
        assertThat(s.source().port()).isEqualTo(40001);
        assertThat(s.destination().ip()).isEqualTo("157.240.16.52");
        assertThat(s.ipdr().delivery().line()).isEqualTo(4L); // the fourth row of the page's tables

        assertThat(out.rejects).extracting(Reject::line).containsExactly(5L, 6L);
        assertThat(out.rejects.get(0).reason()).isEqualTo("Source IP Address '10.20.30.999' is not an IP address");
        assertThat(out.rejects.get(0).raw())
                .isEqualTo("9876543210,10.20.30.999,40002,157.240.16.52,443,01/03/2024,10:16:30");
        assertThat(out.rejects.get(1).reason())
                .isEqualTo("a banner, footer, comment or rule line of the report, not a record");
    }

    /** An Excel 2003 XML workbook as report generators write it: styles, a merged banner, typed cells, skips. */
    private static final String SPREADSHEET_ML = fixtureText("excel-2003.xls");

    private static String fixtureText(String name) {
        try {
            return Files.readString(Fixtures.delivery(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAnExcel2003XmlWorkbookAsItReadsAnXlsxOne() throws Exception {
        Path file = Files.writeString(dir.resolve("ipdr-9876543210.xls"), SPREADSHEET_ML);
        CollectingPublisher out = new CollectingPublisher();
        List<DeliveryIntake.Outcome> outcomes = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .readAll(file, new DeliveryIntake.Source("jio", "inbox", "ipdr-9876543210.xls", null, null));

        SessionRecord s = assertTheReport(outcomes, out, "ipdr-9876543210.xls!/IPDR");
        assertThat(s.source().ip()).isEqualTo("10.20.30.40");
        assertThat(s.source().bytes()).isNull(); // the up-link cell was skipped (ss:Index="9")
        assertThat(out.rejects.get(0).raw()).isEqualTo("9876543210,10.20.30.999,,,,01/03/2024,10:20:00");
    }

    @Test
    void readsAnExcel2003XmlWorkbookInsideAZipAndRefusesOneWithADocumentType() throws Exception {
        Path zip = dir.resolve("ipdr.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("ipdr-9876543210.xml"));
            z.write(SPREADSHEET_ML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        CollectingPublisher out = new CollectingPublisher();
        Delivery d = new DeliveryIntake(out, FormatProfiles.builtIn(), CLOCK)
                .readAll(zip, new DeliveryIntake.Source("jio", "inbox", "ipdr.zip", null, null))
                .get(0)
                .delivery();
        assertThat(d.fileName()).isEqualTo("ipdr.zip!/ipdr-9876543210.xml");
        assertThat(d.profile()).isEqualTo("in-dot-ipdr");
        assertThat(d.accepted()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(2);
        assertThat(out.records.get(0).timestamp()).isEqualTo(Instant.parse("2024-03-01T04:45:30Z"));

        String withDoctype = SPREADSHEET_ML.replace(
                "<?mso-application progid=\"Excel.Sheet\"?>",
                "<!DOCTYPE Workbook [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
        Path hostile = Files.writeString(dir.resolve("hostile.xls"), withDoctype);
        CollectingPublisher none = new CollectingPublisher();
        Delivery refused = new DeliveryIntake(none, FormatProfiles.builtIn(), CLOCK)
                .readAll(hostile, new DeliveryIntake.Source("jio", "inbox", "hostile.xls", null, null))
                .get(0)
                .delivery();
        assertThat(refused.status()).isEqualTo(Delivery.QUARANTINED);
        assertThat(none.records).isEmpty();
        assertThat(none.rejects)
                .allSatisfy(r -> assertThat(String.valueOf(r.raw())).doesNotContain("root:"));
        assertThat(refused.reason()).contains("DOCTYPE");
    }
}
