package io.flowanalyzer.ingest.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a delivery line by line as a stream, keeping each line's number and byte offset for custody.
 * Accepts LF and CRLF endings and a UTF-8 byte-order mark; bytes that are not UTF-8 become U+FFFD
 * rather than an error; a line longer than the limit is cut there and marked, never held whole.
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
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private long position;
    private long number;
    private boolean eof;

    public DeliveryLines(InputStream in, int maxLineBytes) {
        this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 64 * 1024);
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
        int b;
        while ((b = in.read()) != -1) {
            position++;
            if (b == '\n') {
                break;
            }
            if (buffer.size() < maxLineBytes) {
                buffer.write(b);
            } else {
                truncated = true;
            }
        }
        if (b == -1) {
            eof = true;
            if (buffer.size() == 0 && start == position) {
                return null;
            }
        }
        number++;
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int from = 0;
        if (number == 1
                && length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            from = 3;
        }
        return new Line(number, start, decode(bytes, from, length - from), truncated);
    }

    private String decode(byte[] bytes, int from, int length) {
        try {
            decoder.reset();
            return decoder.decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing UTF-8 decoder refused input", e);
        }
    }
}
