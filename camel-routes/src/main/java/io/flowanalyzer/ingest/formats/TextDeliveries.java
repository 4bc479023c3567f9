package io.flowanalyzer.ingest.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a delivered text file: an HTML table export or an Excel 2003 XML workbook as its rows,
 * an IPFIX file as a line per record, anything else line by line.
 */
public final class TextDeliveries {
    private static final int HEAD = 8192;

    private TextDeliveries() {}

    /** Reads {@code in}, which it then owns, as lines: told by its first bytes, not its name. */
    public static LineSource open(InputStream in, String name, int maxLineBytes) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(HEAD);
        byte[] head = new byte[HEAD];
        int n = buffered.readNBytes(head, 0, HEAD);
        buffered.reset();
        if (IpfixRecords.looksLikeOne(head, n)) {
            return new IpfixRecords(buffered);
        }
        if (SpreadsheetMlRows.looksLikeOne(head, n)) {
            return new SpreadsheetMlRows(buffered, name, -1); // inside an archive: its sheets one after another
        }
        if (HtmlTableRows.looksLikeOne(head, n)) {
            return new HtmlTableRows(buffered, name);
        }
        return new DeliveryLines(buffered, maxLineBytes);
    }
}
