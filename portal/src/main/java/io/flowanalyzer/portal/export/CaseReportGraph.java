package io.flowanalyzer.portal.export;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import io.flowanalyzer.portal.graph.PartyGraph;
import java.awt.Color;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link graph of a report's search on a page of its own, drawn for paper: the busiest subscribers
 * in a column on the left, the B-parties they reached most on the right, a line per link as thick as
 * its sessions (red where flagged), probable contacts as dashed green arcs between subscribers. A
 * force layout moves with every render; columns print the same every time and read top to bottom.
 */
final class CaseReportGraph {
    /** Parties of each side drawn at most: beyond that the labels no longer fit a page. */
    static final int MAX_SIDE = 22;

    private static final Color A = new Color(0x1f, 0x5f, 0xa8);
    private static final Color B = new Color(0xe0, 0x8a, 0x1e);
    private static final Color LINK = new Color(0x9a, 0xa8, 0xb8);
    private static final Color FLAGGED = new Color(0xa8, 0x32, 0x1f);
    private static final Color CONTACT = new Color(0x2e, 0x9d, 0x5b);
    private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA, 7, new Color(0x1d, 0x27, 0x33));

    private CaseReportGraph() {}

    /** Which parties and links the page draws, and how many there were. */
    record Selection(
            List<PartyGraph.Node> a,
            List<PartyGraph.Node> b,
            List<PartyGraph.Link> links,
            List<PartyGraph.Contact> contacts,
            long aTotal,
            long bTotal,
            long linksTotal) {}

    /** The busiest subscribers, then the B-parties they reached most, and the links and contacts among them. */
    static Selection select(PartyGraph.Graph g) {
        List<PartyGraph.Node> as = g.nodes().stream()
                .filter(n -> n.kind().equals("a"))
                .sorted(Comparator.comparingLong(PartyGraph.Node::sessions)
                        .reversed()
                        .thenComparing(PartyGraph.Node::id))
                .toList();
        List<PartyGraph.Node> chosenA = as.subList(0, Math.min(MAX_SIDE, as.size()));
        Map<String, Long> reach = new HashMap<>();
        java.util.Set<String> aIds = new java.util.HashSet<>(
                chosenA.stream().map(PartyGraph.Node::id).toList());
        for (PartyGraph.Link l : g.links()) {
            if (aIds.contains(l.a())) {
                reach.merge(l.b(), l.sessions(), Long::sum);
            }
        }
        Map<String, PartyGraph.Node> byId = new LinkedHashMap<>();
        g.nodes().forEach(n -> byId.put(n.id(), n));
        List<PartyGraph.Node> chosenB = reach.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(MAX_SIDE)
                .map(e -> byId.get(e.getKey()))
                .filter(java.util.Objects::nonNull)
                .toList();
        java.util.Set<String> bIds = new java.util.HashSet<>(
                chosenB.stream().map(PartyGraph.Node::id).toList());
        List<PartyGraph.Link> links = g.links().stream()
                .filter(l -> aIds.contains(l.a()) && bIds.contains(l.b()))
                .toList();
        List<PartyGraph.Contact> contacts = g.contacts() == null
                ? List.of()
                : g.contacts().stream()
                        .filter(c -> aIds.contains(c.a()) && aIds.contains(c.b()))
                        .toList();
        long bTotal = g.nodes().stream().filter(n -> n.kind().equals("b")).count();
        return new Selection(
                chosenA, chosenB, links, contacts, as.size(), bTotal, g.links().size());
    }

    static void draw(Document doc, PdfWriter writer, PartyGraph.Graph g, String graphUrl) throws DocumentException {
        Selection s = select(g);
        if (s.a().isEmpty()) {
            doc.add(new Paragraph(
                    "No session of this search names a subscriber; there is no link to draw.", CaseReportPdf.NOTE));
            return;
        }
        String drawn = s.aTotal() > s.a().size() || s.bTotal() > s.b().size()
                ? String.format(
                        "The %,d busiest of %,d subscribers and the %,d B-parties they reached most (of %,d); %,d of %,d links.",
                        s.a().size(),
                        s.aTotal(),
                        s.b().size(),
                        s.bTotal(),
                        s.links().size(),
                        s.linksTotal())
                : String.format(
                        "Every subscriber (%,d), B-party (%,d) and link (%,d) of the search.",
                        s.a().size(), s.b().size(), s.links().size());
        if (!g.complete()) {
            drawn += " The search has more links than the graph holds: " + (g.note() == null ? "" : g.note());
        }
        doc.add(new Paragraph(
                drawn + " Lines are as thick as their sessions, red where flagged; dashed green arcs are probable"
                        + " contacts (together at one relay). The whole graph: " + graphUrl,
                CaseReportPdf.NOTE));

        float top = writer.getVerticalPosition(true) - 26;
        float bottom = doc.bottom() + 10;
        float left = doc.left() + 150;
        float right = doc.right() - 190;
        Map<String, float[]> at = new HashMap<>();
        place(s.a(), left, top, bottom, at);
        place(s.b(), right, top, bottom, at);
        long max = Math.max(
                1, s.links().stream().mapToLong(PartyGraph.Link::sessions).max().orElse(1));

        PdfContentByte cb = writer.getDirectContent();
        cb.saveState();
        com.lowagie.text.pdf.PdfGState seeThrough = new com.lowagie.text.pdf.PdfGState();
        seeThrough.setStrokeOpacity(0.65f);
        cb.setGState(seeThrough);
        for (PartyGraph.Link l : s.links()) {
            float[] p = at.get(l.a());
            float[] q = at.get(l.b());
            cb.setColorStroke(l.flagged() > 0 ? FLAGGED : LINK);
            cb.setLineWidth((float) (0.4 + 2.8 * Math.sqrt((double) l.sessions() / max)));
            cb.moveTo(p[0], p[1]);
            cb.lineTo(q[0], q[1]);
            cb.stroke();
        }
        cb.setColorStroke(CONTACT);
        cb.setLineWidth(1.2f);
        cb.setLineDash(4f, 3f, 0f);
        for (PartyGraph.Contact c : s.contacts()) {
            float[] p = at.get(c.a());
            float[] q = at.get(c.b());
            float bulge = 30 + Math.abs(p[1] - q[1]) / 4;
            cb.moveTo(p[0], p[1]);
            cb.curveTo(p[0] + bulge, p[1], q[0] + bulge, q[1], q[0], q[1]);
            cb.stroke();
        }
        cb.setLineDash(0f);
        for (PartyGraph.Node n : s.a()) {
            dot(cb, at.get(n.id()), A, n.flagged() > 0);
        }
        for (PartyGraph.Node n : s.b()) {
            dot(cb, at.get(n.id()), B, n.flagged() > 0);
        }
        cb.restoreState();
        for (PartyGraph.Node n : s.a()) {
            float[] p = at.get(n.id());
            ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(label(n), LABEL), p[0] - 6, p[1] - 2.5f, 0);
        }
        for (PartyGraph.Node n : s.b()) {
            float[] p = at.get(n.id());
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(label(n), LABEL), p[0] + 6, p[1] - 2.5f, 0);
        }
        ColumnText.showTextAligned(
                cb, Element.ALIGN_RIGHT, new Phrase("Subscribers (A-party)", CaseReportPdf.HEADING), left, top + 4, 0);
        ColumnText.showTextAligned(
                cb, Element.ALIGN_LEFT, new Phrase("B-parties", CaseReportPdf.HEADING), right, top + 4, 0);
    }

    /** Evenly down the column, the busiest first, the column centred in the space. */
    private static void place(List<PartyGraph.Node> nodes, float x, float top, float bottom, Map<String, float[]> at) {
        float space = top - 14 - bottom;
        float step = nodes.size() <= 1 ? 0 : Math.min(22f, space / (nodes.size() - 1));
        float start = top - 14 - (space - step * (nodes.size() - 1)) / 2;
        for (int i = 0; i < nodes.size(); i++) {
            at.put(nodes.get(i).id(), new float[] {x, start - i * step});
        }
    }

    private static void dot(PdfContentByte cb, float[] p, Color colour, boolean flagged) {
        cb.setColorFill(colour);
        cb.circle(p[0], p[1], 3.5f);
        cb.fill();
        if (flagged) {
            cb.setColorStroke(FLAGGED);
            cb.setLineWidth(1.2f);
            cb.circle(p[0], p[1], 5f);
            cb.stroke();
        }
    }

    private static String label(PartyGraph.Node n) {
        String text = n.label() == null ? n.id() : n.label();
        if (text.length() > 42) {
            text = text.substring(0, 41) + "…";
        }
        return text + " (" + String.format("%,d", n.sessions()) + ")";
    }
}
