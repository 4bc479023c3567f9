package io.flowanalyzer.ingest.formats;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * The rows of an "Excel" export that is an HTML table — what many operator and government portals save
 * as {@code .xls} — read element by element with jsoup's stream parser, each row dropped once read, so a
 * large export is never held whole. Every {@code tr} of every table is a line, numbered in document order;
 * a cell's text is as a browser shows it (entities decoded, white space folded), and a cell spanning
 * columns is followed by empty ones, so that the columns keep their places under the header.
 */
public final class HtmlTableRows extends SheetRows {
    private final InputStream in;

    public HtmlTableRows(InputStream in, String name) {
        this.in = in;
        start("html-" + name);
    }

    /** Whether a delivery's first bytes are an HTML table (not XML records, not syslog's {@code <134>}). */
    public static boolean looksLikeOne(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int i = 0;
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            i = 3; // a UTF-8 byte-order mark, read as Latin-1
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i + 1 >= text.length() || text.charAt(i) != '<') {
            return false;
        }
        char next = text.charAt(i + 1);
        return (Character.isLetter(next) || next == '!')
                && (text.contains("<table") || text.contains("<tr"))
                && !text.contains("urn:schemas-microsoft-com:office:spreadsheet");
    }

    @Override
    protected void parse() throws Exception {
        try (StreamParser parser =
                new StreamParser(Parser.htmlParser()).parse(new InputStreamReader(in, StandardCharsets.UTF_8), "")) {
            long number = 0;
            for (Element tr = parser.selectNext("tr"); tr != null; tr = parser.selectNext("tr")) {
                number++;
                List<String> cells = new ArrayList<>();
                for (Element cell : tr.children()) {
                    if (!cell.nameIs("td") && !cell.nameIs("th")) {
                        continue;
                    }
                    cells.add(cell.text());
                    int span = span(cell.attr("colspan"));
                    for (int k = 1; k < span; k++) {
                        cells.add("");
                    }
                }
                tr.remove(); // read: the parser need not keep it
                row(number, cells);
            }
        }
    }

    /** A colspan as written, at least 1 and at most 256 (a broken or hostile value spans nothing). */
    private static int span(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            return n < 1 || n > 256 ? 1 : n;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
