package io.flowanalyzer.ingest.formats;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The rows of an Excel 2003 XML workbook (SpreadsheetML: {@code <Workbook
 * xmlns="urn:schemas-microsoft-com:office:spreadsheet">}), which report generators write and name
 * {@code .xls} or {@code .xml}, read as a StAX stream with no document type allowed. Cells are written as
 * from an XLSX: numbers as plain digits, date-times as ISO {@code yyyy-MM-dd HH:mm:ss}, a date alone as
 * {@code yyyy-MM-dd}, a time of day (Excel's day 1899-12-31) as {@code HH:mm:ss}. {@code ss:Index} on a row
 * or cell skips rows or columns, and a cell merged across columns is followed by empty ones, so that the
 * columns keep their places under the header.
 */
public final class SpreadsheetMlRows extends SheetRows {
    static final String NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet";
    private static final String DOCTYPE_REFUSED = "the Excel 2003 XML workbook declares a document type"
            + " (DOCTYPE); it is refused, since its entities could make a parser read other files";
    private static final int MAX_CELL_CHARS = 32_767; // Excel's own limit for a cell's text
    private static final int MAX_COLUMNS = 16_384; // Excel's own limit: a hostile ss:Index cannot claim the heap

    private final InputStream in;
    private final int sheetIndex;

    /** Reads sheet {@code sheetIndex} of {@code in} (which it owns), or every sheet in order when it is -1. */
    public SpreadsheetMlRows(InputStream in, String name, int sheetIndex) {
        this.in = in;
        this.sheetIndex = sheetIndex;
        start("spreadsheetml-" + name);
    }

    /** Whether a delivery's first bytes are a SpreadsheetML workbook. */
    public static boolean looksLikeOne(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return text.contains(NAMESPACE) && text.contains("<Workbook");
    }

    /** Whether the file is a SpreadsheetML workbook, told by its first 8 KB. */
    public static boolean isOne(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            return looksLikeOne(head, head.length);
        }
    }

    /** The names of the workbook's worksheets, in order (one streaming pass; a sheet without a name is "Sheet n"). */
    public static List<String> sheetNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new IOException(DOCTYPE_REFUSED);
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && "Worksheet".equals(xml.getLocalName())) {
                        String name = xml.getAttributeValue(NAMESPACE, "Name");
                        names.add(name == null || name.isBlank() ? "Sheet " + (names.size() + 1) : name);
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("the Excel 2003 XML workbook cannot be read (" + firstLine(e.getMessage()) + ")", e);
        }
        return names;
    }

    @Override
    protected void parse() throws Exception {
        try (in) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            int sheet = -1;
            boolean reading = false;
            long number = 0;
            List<String> cells = null;
            StringBuilder data = null;
            String type = null;
            int span = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new IOException(DOCTYPE_REFUSED);
                }
                if (data != null && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    if (data.length() < MAX_CELL_CHARS) {
                        data.append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Worksheet" -> {
                            sheet++;
                            reading = sheetIndex < 0 || sheet == sheetIndex;
                            number = 0;
                        }
                        case "Row" -> {
                            if (reading) {
                                number = index(xml, number);
                                cells = new ArrayList<>();
                            }
                        }
                        case "Cell" -> {
                            if (reading && cells != null) {
                                long column = index(xml, cells.size());
                                while (cells.size() < Math.min(column - 1, MAX_COLUMNS)) {
                                    cells.add("");
                                }
                                span = (int) Math.min(count(xml.getAttributeValue(NAMESPACE, "MergeAcross")), 256);
                                cells.add("");
                            }
                        }
                        case "Data" -> {
                            if (reading && cells != null && !cells.isEmpty()) {
                                type = xml.getAttributeValue(NAMESPACE, "Type");
                                data = new StringBuilder(); // rich text (html:Font, html:B …) is read as its words
                            }
                        }
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Data" -> {
                            if (data != null) {
                                cells.set(cells.size() - 1, value(type, data.toString()));
                                data = null;
                            }
                        }
                        case "Cell" -> {
                            if (cells != null) {
                                for (int k = 0; k < span && cells.size() < MAX_COLUMNS; k++) {
                                    cells.add("");
                                }
                                span = 0;
                            }
                        }
                        case "Row" -> {
                            if (cells != null) {
                                row(number, cells);
                                cells = null;
                            }
                        }
                        case "Worksheet" -> reading = false;
                        default -> {}
                    }
                }
            }
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("it is not well-formed XML: " + firstLine(e.getMessage()), e);
        }
    }

    /** A row's or cell's position: its {@code ss:Index} when given (1-based), else the one after {@code previous}. */
    private static long index(XMLStreamReader xml, long previous) {
        long given = count(xml.getAttributeValue(NAMESPACE, "Index"));
        return given > previous ? given : previous + 1;
    }

    private static long count(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A cell's value as the workbook readers write it. */
    static String value(String type, String text) {
        String t = text.strip();
        if ("Number".equals(type)) {
            try {
                BigDecimal number = new BigDecimal(t);
                return number.signum() == 0
                        ? "0"
                        : number.stripTrailingZeros().scale() <= 0
                                ? number.toBigInteger().toString()
                                : number.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return t;
            }
        }
        if ("DateTime".equals(type) && t.length() >= 19 && t.charAt(10) == 'T') {
            String date = t.substring(0, 10);
            String time = t.substring(11, 19);
            if (date.equals("1899-12-31") || date.equals("1899-12-30")) {
                return time;
            }
            return time.equals("00:00:00") ? date : date + " " + time;
        }
        return t;
    }

    private static XMLInputFactory factory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
