package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.ingest.formats.profile.FormatProfile;

/**
 * Reads the records of one delivery with one profile, line by line. Most formats make one result of
 * each line; a block format (a RADIUS detail file) makes one of each block of lines, reported with a
 * line that stands for the whole block (its first line number and offset, all its text).
 */
public interface RecordReader {

    FormatProfile profile();

    /** Reads one non-blank line and hands over the results it completes (none, one, or more). */
    void read(DeliveryLines.Line line, Results out);

    /** Hands over what is still open at the end of the delivery. */
    default void finish(Results out) {}

    /** A reader that makes exactly one result of each line. */
    interface PerLine extends RecordReader {
        LineResult read(DeliveryLines.Line line);

        @Override
        default void read(DeliveryLines.Line line, Results out) {
            out.add(line, read(line));
        }
    }

    /** Where results go, each with the line (or block) it was made of. */
    @FunctionalInterface
    interface Results {
        void add(DeliveryLines.Line unit, LineResult result);
    }
}
