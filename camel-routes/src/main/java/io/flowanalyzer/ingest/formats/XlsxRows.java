package io.flowanalyzer.ingest.formats;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The rows of one sheet of an XLSX delivery, read as a SAX stream (POI's event API, with its secure
 * XML parser and zip-bomb guard) so that a large workbook is never held in memory. Numbers are written
 * as their plain digits (a 12-digit MSISDN stays 12 digits, not 9.19E+11), dates as ISO
 * {@code yyyy-MM-dd HH:mm:ss}, times of day as {@code HH:mm:ss}.
 */
public final class XlsxRows extends SheetRows {
    private final Path file;
    private final int sheetIndex;

    /** The names of the workbook's sheets, in order. */
    public static List<String> sheetNames(Path file) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    names.add(sheets.getSheetName());
                }
            }
            return names;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the workbook cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public XlsxRows(Path file, int sheetIndex) {
        this.file = file;
        this.sheetIndex = sheetIndex;
        start("xlsx-" + file.getFileName());
    }

    @Override
    protected void parse() throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int i = 0; sheets.hasNext(); i++) {
                try (InputStream sheet = sheets.next()) {
                    if (i != sheetIndex) {
                        continue;
                    }
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(
                            new XSSFSheetXMLHandler(styles, null, strings, new Rows(), new PlainNumbers(), false));
                    xml.parse(new InputSource(sheet));
                }
            }
        }
    }

    /** Collects each row's cells by column, empty cells included, and hands the row over. */
    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private List<String> cells = new ArrayList<>();

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            row(rowNum + 1L, cells);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }

        @Override
        public void headerFooter(String text, boolean isHeader, String tagName) {
            // page headers and footers of the printout are not data
        }
    }

    /** Writes whole numbers as digits and dates as ISO, where Excel's display would round or localise them. */
    static final class PlainNumbers extends DataFormatter {
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Override
        public String formatRawCellContents(
                double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                if (value < 1) {
                    return t.toLocalTime().toString().length() == 5
                            ? t.toLocalTime() + ":00"
                            : t.toLocalTime().toString();
                }
                return value == Math.rint(value) ? t.toLocalDate().toString() : DATE_TIME.format(t);
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e18) {
                return new BigDecimal(value).toPlainString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
