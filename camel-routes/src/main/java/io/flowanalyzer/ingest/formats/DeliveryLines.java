package io.flowanalyzer.ingest.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a delivery line by line as a stream, keeping each line's number and byte offset for custody.
 * Accepts LF and CRLF endings and a UTF-8 byte-order mark; bytes that are not UTF-8 become U+FFFD
 * rather than an error; a line longer than the limit is cut there and marked, never held whole. A file
 * that starts with a UTF-16 byte-order mark (what Excel's "Unicode Text" export writes) is read as
 * UTF-16; its lines carry no byte offset, since they are counted in the text re-encoded as UTF-8.
 */
public final class DeliveryLines implements LineSource {

    /**
     * One line of a delivery: 1-based number, byte offset of its first byte (-1 where there is none, as
     * in a spreadsheet row), text without the line ending, and the cells when the source already has
     * them split (a spreadsheet row); null cells mean the text is split by the header's delimiter.
     */
    public record Line(long number, long offset, String text, boolean truncated, java.util.List<String> cells) {
        public Line(long number, long offset, String text, boolean truncated) {
            this(number, offset, text, truncated, null);
        }

        public boolean isBlank() {
            return cells == null ? text.isBlank() : cells.stream().allMatch(String::isBlank);
        }

        /** The byte offset, or null where a line has none. */
        public Long offsetOrNull() {
            return offset < 0 ? null : offset;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    /** Whether the delivery is UTF-16, read re-encoded: its lines' byte offsets are not the file's. */
    private final boolean transcoded;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    /** Read ahead in blocks and scanned for line ends here: byte-by-byte reads cost more than the parsing. */
    private final byte[] block = new byte[64 * 1024];

    private int blockPosition;
    private int blockLimit;
    private long position;
    private long number;
    private boolean eof;

    public DeliveryLines(InputStream in, int maxLineBytes) throws IOException {
        java.io.PushbackInputStream peek = new java.io.PushbackInputStream(in, 2);
        byte[] bom = peek.readNBytes(2);
        peek.unread(bom);
        this.transcoded = bom.length == 2
                && ((bom[0] & 0xff) == 0xFF && (bom[1] & 0xff) == 0xFE
                        || (bom[0] & 0xff) == 0xFE && (bom[1] & 0xff) == 0xFF);
        // UTF-16 reads its own byte-order mark and writes none; malformed input becomes U+FFFD, as for UTF-8
        this.in = transcoded
                ? org.apache.commons.io.input.ReaderInputStream.builder()
                        .setReader(new java.io.InputStreamReader(peek, StandardCharsets.UTF_16))
                        .setCharset(StandardCharsets.UTF_8)
                        .get()
                : peek;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The next line, or null at the end of the delivery. */
    @Override
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        buffer.reset();
        long start = position;
        boolean truncated = false;
        boolean ended = false;
        byte[] direct = null;
        int directFrom = 0;
        int directLength = 0;
        while (true) {
            if (blockPosition >= blockLimit) {
                int n = in.read(block, 0, block.length);
                if (n <= 0) {
                    eof = true;
                    break;
                }
                blockPosition = 0;
                blockLimit = n;
            }
            int end = blockPosition;
            while (end < blockLimit && block[end] != '\n') {
                end++;
            }
            int length = end - blockPosition;
            position += length;
            boolean newline = end < blockLimit;
            if (newline && buffer.size() == 0 && length <= maxLineBytes) {
                // the whole line lies in the block: decode it from there, no copy
                direct = block;
                directFrom = blockPosition;
                directLength = length;
            } else {
                int room = maxLineBytes - buffer.size();
                buffer.write(block, blockPosition, Math.min(room, length));
                truncated |= length > room;
            }
            blockPosition = end;
            if (newline) {
                blockPosition++;
                position++;
                ended = true;
                break;
            }
        }
        if (!ended && buffer.size() == 0 && start == position) {
            return null;
        }
        number++;
        byte[] bytes = direct != null ? direct : buffer.toByteArray();
        int from = direct != null ? directFrom : 0;
        int length = direct != null ? directLength : bytes.length;
        if (length > 0 && bytes[from + length - 1] == '\r') {
            length--;
        }
        if (number == 1
                && length >= 3
                && (bytes[from] & 0xff) == 0xEF
                && (bytes[from + 1] & 0xff) == 0xBB
                && (bytes[from + 2] & 0xff) == 0xBF) {
            from += 3;
            length -= 3;
        }
        return new Line(number, transcoded ? -1 : start, decode(bytes, from, length), truncated);
    }

    /** UTF-8, with every malformed sequence replaced by U+FFFD (what the String constructor does, fast). */
    private static String decode(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
}
