package io.flowanalyzer.portal.export;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.flowanalyzer.portal.search.Column;
import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Histogram;
import java.awt.Color;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link CaseReport} as a PDF (A4 landscape): the statement of what was searched, by whom
 * and under which authority, the charts (drawn as vector bars, no image library), the records table
 * and the deliveries with their hashes, with a page number and the report's origin on every page.
 */
public final class CaseReportPdf {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Color INK = new Color(0x1d, 0x27, 0x33);
    private static final Color MUTED = new Color(0x5b, 0x6b, 0x7c);
    private static final Color BAR = new Color(0x6f, 0x9f, 0xd8);
    private static final Color RULE = new Color(0xd8, 0xde, 0xe6);
    static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16, INK);
    static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11, INK);
    static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9, INK);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7, INK);
    private static final Font SMALL_BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 7, INK);
    static final Font NOTE = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8, MUTED);
    private static final List<Column> TABLE = List.of(
            Column.START,
            Column.END,
            Column.A_PARTY,
            Column.IMSI,
            Column.IMEI,
            Column.SOURCE,
            Column.PUBLIC,
            Column.DESTINATION,
            Column.APP,
            Column.FLAGS,
            Column.BYTES_UP,
            Column.BYTES_DOWN,
            Column.ISP);

    private CaseReportPdf() {}

    public static void write(CaseReport report, OutputStream out) throws DocumentException {
        Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 40);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new Footer(report));
        doc.addTitle("Case report " + nonBlank(report.caseReference(), ""));
        doc.addCreator("IPDR FlowAnalyzer");
        doc.addAuthor(report.preparedBy());
        doc.open();

        doc.add(new Paragraph("IPDR FlowAnalyzer — case report", TITLE));
        PdfPTable facts = new PdfPTable(new float[] {1.2f, 5f});
        facts.setWidthPercentage(100);
        facts.setSpacingBefore(8);
        fact(facts, "Case", nonBlank(report.caseReference(), "(not given)"));
        fact(facts, "Legal authority", nonBlank(report.authority(), "(not given)"));
        fact(facts, "Prepared by", report.preparedBy());
        fact(facts, "Prepared at", UTC.format(report.preparedAt()));
        fact(facts, "Search", nonBlank(report.query(), "(every session)"));
        fact(facts, "Time range", nonBlank(report.from(), "the beginning") + " to " + nonBlank(report.to(), "now"));
        fact(facts, "Filters", report.filters().isEmpty() ? "(none)" : String.join("; ", report.filters()));
        fact(facts, "Sessions matched", String.format("%,d", report.total()));
        fact(facts, "Identifiers", nonBlank(report.identifiers(), "shown as delivered"));
        fact(facts, "Search address", report.searchUrl());
        doc.add(facts);

        doc.add(heading("Sessions over time"));
        chart(doc, writer, report.histogram());
        doc.add(heading("Top values"));
        facets(doc, report.facets());

        doc.newPage();
        doc.add(heading("Who reached whom"));
        if (report.graph() == null) {
            doc.add(new Paragraph("The link graph of this search could not be drawn.", NOTE));
        } else {
            CaseReportGraph.draw(doc, writer, report.graph(), report.graphUrl());
        }

        doc.newPage();
        doc.add(heading("Records"));
        doc.add(new Paragraph(
                report.records().size() < report.total()
                        ? String.format(
                                "The first %,d of %,d sessions, oldest first. Every matching session is in the CSV export of the same search.",
                                report.records().size(), report.total())
                        : String.format("All %,d sessions, oldest first.", report.total()),
                NOTE));
        PdfPTable records = new PdfPTable(TABLE.size());
        records.setWidthPercentage(100);
        records.setSpacingBefore(4);
        records.setHeaderRows(1);
        for (Column c : TABLE) {
            PdfPCell h = new PdfPCell(new Phrase(c.header(), SMALL_BOLD));
            h.setBackgroundColor(new Color(0xee, 0xf2, 0xf6));
            h.setBorderColor(RULE);
            records.addCell(h);
        }
        for (Map<String, Object> r : report.records()) {
            for (Column c : TABLE) {
                var cell = c.cell(r);
                String text = cell.text() == null ? "" : cell.text();
                if (cell.sub() != null && c == Column.A_PARTY) {
                    text = text + "\n" + cell.sub();
                }
                PdfPCell pc = new PdfPCell(new Phrase(text, SMALL));
                pc.setBorderColor(RULE);
                records.addCell(pc);
            }
        }
        doc.add(records);

        doc.add(heading("Deliveries behind these records"));
        doc.add(new Paragraph(
                "Each session was read from one of these delivered files; the SHA-256 identifies the file exactly as it was received.",
                NOTE));
        PdfPTable deliveries = new PdfPTable(new float[] {2.2f, 1.2f, 3f, 4.6f, 1f});
        deliveries.setWidthPercentage(100);
        deliveries.setSpacingBefore(4);
        deliveries.setHeaderRows(1);
        for (String h : List.of("Delivery", "ISP", "File", "SHA-256", "Sessions")) {
            PdfPCell c = new PdfPCell(new Phrase(h, SMALL_BOLD));
            c.setBackgroundColor(new Color(0xee, 0xf2, 0xf6));
            c.setBorderColor(RULE);
            deliveries.addCell(c);
        }
        for (CaseReport.Delivery d : report.deliveries()) {
            for (String v : List.of(
                    nonBlank(d.id(), ""),
                    nonBlank(d.isp(), ""),
                    nonBlank(d.file(), ""),
                    nonBlank(d.sha256(), ""),
                    String.format("%,d", d.sessions()))) {
                PdfPCell c = new PdfPCell(new Phrase(v, SMALL));
                c.setBorderColor(RULE);
                deliveries.addCell(c);
            }
        }
        doc.add(deliveries);
        if (report.deliveriesTotal() > report.deliveries().size()) {
            doc.add(new Paragraph(
                    String.format(
                            "%,d of %,d deliveries listed; the CSV export names the delivery and file hash of every session.",
                            report.deliveries().size(), report.deliveriesTotal()),
                    NOTE));
        }
        doc.close();
    }

    private static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        return p;
    }

    static void fact(PdfPTable table, String name, String value) {
        PdfPCell n = new PdfPCell(new Phrase(name, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9, MUTED)));
        PdfPCell v = new PdfPCell(new Phrase(value, TEXT));
        for (PdfPCell c : List.of(n, v)) {
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(RULE);
            c.setPaddingBottom(4);
        }
        table.addCell(n);
        table.addCell(v);
    }

    /** The histogram as bars 80 pt high across the page, with the first and last time under it. */
    private static void chart(Document doc, PdfWriter writer, Histogram h) throws DocumentException {
        if (h.buckets().isEmpty()) {
            doc.add(new Paragraph("No sessions.", NOTE));
            return;
        }
        float height = 80;
        float width = doc.right() - doc.left();
        float top = writer.getVerticalPosition(true) - 4;
        if (top - height - 20 < doc.bottom()) {
            doc.newPage();
            top = writer.getVerticalPosition(true) - 4;
        }
        PdfContentByte cb = writer.getDirectContent();
        long max = Math.max(1, h.max());
        float bar = width / h.buckets().size();
        cb.saveState();
        cb.setColorFill(BAR);
        for (int i = 0; i < h.buckets().size(); i++) {
            long n = h.buckets().get(i).count();
            if (n == 0) {
                continue;
            }
            float bh = Math.max(1f, height * n / max);
            cb.rectangle(doc.left() + i * bar, top - height, Math.max(0.5f, bar - (bar > 4 ? 1 : 0)), bh);
        }
        cb.fill();
        cb.setColorStroke(RULE);
        cb.moveTo(doc.left(), top - height);
        cb.lineTo(doc.right(), top - height);
        cb.stroke();
        cb.restoreState();
        Paragraph axis = new Paragraph(
                UTC.format(h.buckets().get(0).from()) + "   …   "
                        + UTC.format(h.buckets().get(h.buckets().size() - 1).to())
                        + "   (" + h.buckets().size() + " bars of " + h.interval() + "; the busiest holds "
                        + String.format("%,d", h.max()) + ")",
                NOTE);
        axis.setSpacingBefore(height + 8);
        doc.add(axis);
    }

    /** Each facet as a small table of values with a bar for its count. */
    private static void facets(Document doc, Map<Facet, List<Facet.Count>> facets) throws DocumentException {
        PdfPTable grid = new PdfPTable(3);
        grid.setWidthPercentage(100);
        for (Facet f : Facet.values()) {
            List<Facet.Count> counts = facets.getOrDefault(f, List.of());
            PdfPTable box = new PdfPTable(new float[] {3f, 2f, 1f});
            PdfPCell title = new PdfPCell(new Phrase(f.label(), SMALL_BOLD));
            title.setColspan(3);
            title.setBorder(Rectangle.NO_BORDER);
            box.addCell(title);
            long max = counts.stream().mapToLong(Facet.Count::count).max().orElse(1);
            for (Facet.Count c : counts) {
                PdfPCell v = new PdfPCell(new Phrase(c.value(), SMALL));
                v.setBorder(Rectangle.NO_BORDER);
                box.addCell(v);
                PdfPCell barCell = new PdfPCell();
                barCell.setBorder(Rectangle.NO_BORDER);
                barCell.setCellEvent((cell, position, canvases) -> {
                    PdfContentByte cb = canvases[PdfPTable.BACKGROUNDCANVAS];
                    cb.saveState();
                    cb.setColorFill(BAR);
                    cb.rectangle(
                            position.getLeft() + 1,
                            position.getBottom() + 2,
                            (position.getWidth() - 2) * c.count() / Math.max(1, max),
                            Math.min(7f, position.getHeight() - 4));
                    cb.fill();
                    cb.restoreState();
                });
                box.addCell(barCell);
                PdfPCell n = new PdfPCell(new Phrase(String.format("%,d", c.count()), SMALL));
                n.setBorder(Rectangle.NO_BORDER);
                n.setHorizontalAlignment(Element.ALIGN_RIGHT);
                box.addCell(n);
            }
            if (counts.isEmpty()) {
                PdfPCell none = new PdfPCell(new Phrase("none", NOTE));
                none.setColspan(3);
                none.setBorder(Rectangle.NO_BORDER);
                box.addCell(none);
            }
            PdfPCell holder = new PdfPCell(box);
            holder.getTable().setExtendLastRow(false); // the rows keep their own height; the box does not stretch them
            holder.setBorderColor(RULE);
            holder.setPadding(4);
            grid.addCell(holder);
        }
        doc.add(grid);
    }

    private static String nonBlank(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }

    /** Page number and origin at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final CaseReport report;

        Footer(CaseReport report) {
            this.report = report;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Phrase left = new Phrase(
                    "IPDR FlowAnalyzer · case " + nonBlank(report.caseReference(), "(not given)") + " · prepared by "
                            + report.preparedBy() + " at " + UTC.format(report.preparedAt()),
                    NOTE);
            Phrase right = new Phrase("page " + writer.getPageNumber(), NOTE);
            com.lowagie.text.pdf.ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, left, document.left(), 22, 0);
            com.lowagie.text.pdf.ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, right, document.right(), 22, 0);
        }
    }
}
