package io.flowanalyzer.ingest.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.AbortableHSSFListener;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.eventusermodel.MissingRecordAwareHSSFListener;
import org.apache.poi.hssf.eventusermodel.dummyrecord.LastCellOfRowDummyRecord;
import org.apache.poi.hssf.eventusermodel.dummyrecord.MissingCellDummyRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;

/**
 * The rows of one sheet of a legacy Excel 97–2003 workbook ({@code .xls}, BIFF8 in an OLE2 container),
 * as older operator systems still export IPDR, read with POI's HSSF event API record by record, so the
 * workbook is never built in memory. Cells read as they do from XLSX ({@link XlsxRows.PlainNumbers}):
 * whole numbers as their digits, dates as ISO; a formula gives the value it was saved with.
 */
public final class XlsRows extends SheetRows {
    private final Path file;
    private final int sheetIndex;

    public XlsRows(Path file, int sheetIndex) {
        this.file = file;
        this.sheetIndex = sheetIndex;
        start("xls-" + file.getFileName());
    }

    /** Whether the file starts as an OLE2 compound document (the container of .xls, .doc and others). */
    public static boolean isOle2(byte[] magic, int n) {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        if (n < ole2.length) {
            return false;
        }
        for (int i = 0; i < ole2.length; i++) {
            if (magic[i] != ole2[i]) {
                return false;
            }
        }
        return true;
    }

    /** The names of the workbook's sheets, in order; a sentence when it is no workbook or cannot be read. */
    public static List<String> sheetNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        HSSFRequest request = new HSSFRequest();
        request.addListenerForAllRecords(new AbortableHSSFListener() {
            @Override
            public short abortableProcessRecord(org.apache.poi.hssf.record.Record record) {
                if (record instanceof BoundSheetRecord sheet) {
                    names.add(sheet.getSheetname());
                }
                // the sheet list precedes the first sheet: nothing after it is needed
                return record instanceof BOFRecord bof && bof.getType() == BOFRecord.TYPE_WORKSHEET ? (short) 1 : 0;
            }
        });
        try (POIFSFileSystem fs = open(file)) {
            new HSSFEventFactory().abortableProcessWorkbookEvents(request, fs);
        } catch (Unreadable e) {
            throw e;
        } catch (Exception e) {
            throw unreadable(e);
        }
        return names;
    }

    private static POIFSFileSystem open(Path file) throws IOException {
        try {
            return new POIFSFileSystem(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** Why a workbook cannot be read, said as the quarantine's reason. */
    private static final class Unreadable extends IOException {
        Unreadable(String reason, Exception cause) {
            super(reason, cause);
        }
    }

    private static Unreadable unreadable(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof EncryptedDocumentException || message.contains("EncryptedPackage")) {
            return new Unreadable("the workbook is protected with a password and cannot be read", e);
        }
        if ((e instanceof IllegalArgumentException || e instanceof java.io.FileNotFoundException)
                && message.contains("Workbook")) {
            return new Unreadable("the OLE2 file holds no Excel workbook (a Word or other Office file?)", e);
        }
        return new Unreadable("the workbook cannot be read (" + e.getMessage() + ")", e);
    }

    @Override
    protected void parse() throws Exception {
        Cells cells = new Cells();
        FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(new MissingRecordAwareHSSFListener(cells));
        cells.formats = formats;
        HSSFRequest request = new HSSFRequest();
        request.addListenerForAllRecords(formats);
        try (POIFSFileSystem fs = open(file)) {
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        } catch (Unreadable e) {
            throw e;
        } catch (Exception e) {
            throw unreadable(e);
        }
    }

    /** Follows the records: which sheet it is in, the shared strings, and each cell of the wanted sheet. */
    private final class Cells implements HSSFListener {
        private final XlsxRows.PlainNumbers numbers = new XlsxRows.PlainNumbers();
        private FormatTrackingHSSFListener formats;
        private SSTRecord strings;
        private boolean use1904;
        private int sheet = -1;
        private List<String> row = new ArrayList<>();
        private int formulaStringColumn = -1;

        @Override
        public void processRecord(org.apache.poi.hssf.record.Record record) {
            if (record instanceof BOFRecord bof) {
                if (bof.getType() == BOFRecord.TYPE_WORKSHEET) {
                    sheet++;
                    row = new ArrayList<>();
                }
                return;
            }
            if (record instanceof SSTRecord sst) {
                strings = sst;
                return;
            }
            if (record instanceof DateWindow1904Record window) {
                use1904 = window.getWindowing() == 1;
                return;
            }
            if (sheet != sheetIndex) {
                return;
            }
            if (record instanceof LastCellOfRowDummyRecord end) {
                if (!row.isEmpty()) {
                    row(end.getRow() + 1L, row);
                }
                row = new ArrayList<>();
                return;
            }
            if (record instanceof StringRecord text && formulaStringColumn >= 0) {
                set(formulaStringColumn, text.getString());
                formulaStringColumn = -1;
                return;
            }
            if (record instanceof MissingCellDummyRecord missing) {
                set(missing.getColumn(), "");
            } else if (record instanceof LabelSSTRecord label) {
                set(
                        label.getColumn(),
                        strings == null
                                ? ""
                                : strings.getString(label.getSSTIndex()).getString());
            } else if (record instanceof LabelRecord label) {
                set(label.getColumn(), label.getValue());
            } else if (record instanceof NumberRecord number) {
                set(number.getColumn(), number(number, number.getValue()));
            } else if (record instanceof BoolErrRecord b) {
                set(
                        b.getColumn(),
                        b.isBoolean() ? String.valueOf(b.getBooleanValue()).toUpperCase() : "");
            } else if (record instanceof FormulaRecord formula) {
                if (formula.getCachedResultTypeEnum() == CellType.STRING) {
                    formulaStringColumn = formula.getColumn(); // the value is the next record's
                    set(formula.getColumn(), "");
                } else if (formula.getCachedResultTypeEnum() == CellType.NUMERIC) {
                    set(formula.getColumn(), number(formula, formula.getValue()));
                } else if (formula.getCachedResultTypeEnum() == CellType.BOOLEAN) {
                    set(formula.getColumn(), formula.getCachedBooleanValue() ? "TRUE" : "FALSE");
                } else {
                    set(formula.getColumn(), "");
                }
            }
        }

        private String number(CellValueRecordInterface cell, double value) {
            return numbers.formatRawCellContents(
                    value, formats.getFormatIndex(cell), formats.getFormatString(cell), use1904);
        }

        private void set(int column, String value) {
            while (row.size() < column) {
                row.add("");
            }
            if (row.size() == column) {
                row.add(value == null ? "" : value);
            } else {
                row.set(column, value == null ? "" : value);
            }
        }
    }
}
