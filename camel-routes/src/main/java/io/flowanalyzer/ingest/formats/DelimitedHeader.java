package io.flowanalyzer.ingest.formats;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Splits delimited lines with commons-csv, after guessing the delimiter from the header line. */
public final class DelimitedHeader {
    private static final char[] CANDIDATES = {',', ';', '|', '\t'};

    private final CSVFormat format;
    private final List<String> rawNames;

    private DelimitedHeader(CSVFormat format, List<String> rawNames) {
        this.format = format;
        this.rawNames = rawNames;
    }

    /** Reads a header line: the delimiter is whichever of {@code , ; | TAB} it holds most often. */
    public static DelimitedHeader read(String headerLine) throws UnreadableDelivery {
        char delimiter = ',';
        int best = 0;
        for (char c : CANDIDATES) {
            int count = 0;
            for (int i = 0; i < headerLine.length(); i++) {
                if (headerLine.charAt(i) == c) {
                    count++;
                }
            }
            if (count > best) {
                best = count;
                delimiter = c;
            }
        }
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<String> cells = new ArrayList<>(split(format, headerLine));
        return new DelimitedHeader(format, List.copyOf(cells));
    }

    /** A header already split into cells (a spreadsheet row); data rows come split too, as CSV-joined text for the record. */
    public static DelimitedHeader ofCells(List<String> cells) {
        return new DelimitedHeader(CSVFormat.RFC4180, List.copyOf(cells));
    }

    /** The header cells as the file writes them. */
    public List<String> rawNames() {
        return rawNames;
    }

    public char delimiter() {
        return format.getDelimiterString().charAt(0);
    }

    /** The cells of one data line; an {@link IOException} for a line commons-csv cannot split (an open quote). */
    public List<String> cells(String line) throws IOException {
        if (line.indexOf('"') < 0) {
            return splitPlain(line, delimiter());
        }
        try {
            return split(format, line);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A line without quotes, split as commons-csv would (RFC 4180, surrounding spaces dropped) but
     * without building a parser per line: most lines of most deliveries are like this.
     */
    static List<String> splitPlain(String line, char delimiter) {
        int n = line.length();
        // one pass over the text for the delimiters' places: an indexOf call per cell, twice, cost more
        int[] ends = new int[16];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (line.charAt(i) == delimiter) {
                if (count == ends.length) {
                    ends = java.util.Arrays.copyOf(ends, count * 2);
                }
                ends[count++] = i;
            }
        }
        String[] cells = new String[count + 1];
        int start = 0;
        for (int k = 0; k <= count; k++) {
            int end = k == count ? n : ends[k];
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(line.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
                to--;
            }
            cells[k] = line.substring(from, to);
            start = end + 1;
        }
        return java.util.Arrays.asList(cells);
    }

    private static List<String> split(CSVFormat format, String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                return List.of();
            }
            if (records.size() > 1) {
                throw new java.io.UncheckedIOException(new IOException("the line holds a line break inside quotes"));
            }
            return records.get(0).toList();
        } catch (IllegalStateException e) {
            throw new java.io.UncheckedIOException(new IOException(e.getMessage(), e));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
