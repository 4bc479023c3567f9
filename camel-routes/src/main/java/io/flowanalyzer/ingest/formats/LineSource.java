package io.flowanalyzer.ingest.formats;

import java.io.IOException;

/** Where a delivery's lines come from: a text stream ({@link DeliveryLines}) or a spreadsheet's rows. */
public interface LineSource extends AutoCloseable {

    /** The next line, or null at the end. */
    DeliveryLines.Line next() throws IOException;

    @Override
    void close() throws IOException;
}
