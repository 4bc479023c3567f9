package io.flowanalyzer.ingest.formats;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;

/**
 * The rows of one sheet of a workbook, which a parser pushes (POI's event APIs call back row by row) on
 * a thread of its own while the reader pulls them as lines, a few hundred at most held between the two,
 * so that a large workbook is never held in memory. A row's text is its cells joined as CSV, for the
 * reject's raw text and for banner and footer matching; the cells go with it.
 */
abstract class SheetRows implements LineSource {
    private static final Object END = new Object();
    private static final CSVFormat RAW = CSVFormat.RFC4180;

    private final BlockingQueue<Object> rows = new ArrayBlockingQueue<>(512);
    private Thread parser;
    private volatile boolean closed;

    /** Starts the parser: call at the end of the subclass's constructor. */
    protected final void start(String name) {
        parser = new Thread(this::run, name);
        parser.setDaemon(true);
        parser.start();
    }

    /** Parses the sheet, handing each row to {@link #row}. */
    protected abstract void parse() throws Exception;

    private void run() {
        try {
            parse();
            put(END);
        } catch (Stop stop) {
            // closed by the reader
        } catch (Exception e) {
            try {
                put(e);
            } catch (Stop ignored) {
                // closed meanwhile
            }
        }
    }

    /** One row: its number as the spreadsheet shows it (1-based) and its cells, empty ones included. */
    protected final void row(long number, List<String> cells) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String c = cells.get(i);
            text.append(c.indexOf(',') >= 0 || c.indexOf('"') >= 0 ? RAW.format(c) : c);
        }
        put(new DeliveryLines.Line(number, -1, text.toString(), false, List.copyOf(cells)));
    }

    /** Thrown inside the parser thread when the reader closes early. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private void put(Object item) {
        try {
            while (!closed) {
                if (rows.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stop();
    }

    @Override
    public DeliveryLines.Line next() throws IOException {
        Object item;
        try {
            item = rows.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the workbook", e);
        }
        if (item == END) {
            rows.offer(END);
            return null;
        }
        if (item instanceof Exception e) {
            throw new IOException("the workbook cannot be read (" + e.getMessage() + ")", e);
        }
        return (DeliveryLines.Line) item;
    }

    @Override
    public void close() {
        closed = true;
        if (parser != null) {
            parser.interrupt();
        }
        rows.clear();
    }
}
