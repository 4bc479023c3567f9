package io.flowanalyzer.model;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * JSON written straight into a byte array, byte for byte as {@link RecordJson}'s Jackson generator writes
 * it: strings as UTF-8 with its escapes ({@code \n}, {@code \t}, …, other controls and every surrogate as
 * {@code \}{@code uXXXX}), numbers as {@link Long#toString} and {@link Double#toString} (a non-finite
 * double as a quoted name), no spaces. Each session is written once by the route and once more as its
 * document by the correlator: Jackson's generator, with its context checks per value, was the largest part
 * of both.
 *
 * <p>Commas are placed by what was written last: none after an opening bracket or a field name. One
 * writer per thread is reused ({@link #open}); the bytes are copied out at the end.
 */
final class JsonBytes {
    private static final ThreadLocal<JsonBytes> PER_THREAD = ThreadLocal.withInitial(JsonBytes::new);
    /** A buffer grown past this by one huge record is not kept for the next. */
    private static final int KEPT = 64 * 1024;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 written as is, otherwise the letter of its short escape or 'u'. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    /** How many fields {@link #repeated} can keep a value for. */
    static final int SLOTS = 8;

    private final String[] lastText = new String[SLOTS];
    private final byte[][] lastQuoted = new byte[SLOTS][];
    private byte[] b = new byte[2048];
    private int n;
    private boolean busy;

    private JsonBytes() {}

    /** An empty writer: this thread's, unless that one is writing already. */
    static JsonBytes open() {
        JsonBytes j = PER_THREAD.get();
        if (j.busy) {
            j = new JsonBytes();
        }
        j.busy = true;
        j.n = 0;
        return j;
    }

    /** The bytes written; the writer is free again. */
    byte[] close() {
        byte[] out = Arrays.copyOf(b, n);
        if (b.length > KEPT) {
            b = new byte[2048];
        }
        busy = false;
        return out;
    }

    /** Gives the writer back after a failure. */
    void abandon() {
        busy = false;
    }

    /** {@code "name":} as {@link #field} takes it. */
    static byte[] name(String name) {
        JsonBytes j = new JsonBytes();
        j.string(name);
        j.b[j.n++] = ':';
        return Arrays.copyOf(j.b, j.n);
    }

    void startObject() {
        separate(1);
        b[n++] = '{';
    }

    void endObject() {
        room(1);
        b[n++] = '}';
    }

    void startArray() {
        separate(1);
        b[n++] = '[';
    }

    void endArray() {
        room(1);
        b[n++] = ']';
    }

    /** A field's name, made by {@link #name}. */
    void field(byte[] name) {
        raw(name);
    }

    /** JSON that is complete in itself (a value, or a name and its colon), after a comma where one is due. */
    void raw(byte[] json) {
        separate(json.length);
        System.arraycopy(json, 0, b, n, json.length);
        n += json.length;
    }

    void nullValue() {
        separate(4);
        b[n++] = 'n';
        b[n++] = 'u';
        b[n++] = 'l';
        b[n++] = 'l';
    }

    void number(long v) {
        separate(20);
        n = NumberOutput.outputLong(v, b, n);
    }

    void number(int v) {
        separate(11);
        n = NumberOutput.outputInt(v, b, n);
    }

    void number(double v) {
        if (Double.isFinite(v)) {
            ascii(DoubleText.of(v));
        } else {
            string(Double.toString(v)); // "NaN", "Infinity", "-Infinity"
        }
    }

    void instant(Instant t) {
        separate(32);
        b[n] = '"';
        int end = InstantText.write(t, b, n + 1);
        if (end < 0) {
            string(t.toString());
            return;
        }
        b[end] = '"';
        n = end + 1;
    }

    void string(String s) {
        separate(s.length() * 6 + 2); // at most \\uXXXX for a char
        quoted(s);
    }

    /**
     * As {@link #string}, for a field whose value is mostly the one it had in the record before (its delivery,
     * file, feed): the bytes of the last value in its {@code slot} (below {@link #SLOTS}) are kept and copied.
     * A null is written as null.
     */
    void repeated(String s, int slot) {
        if (s == null) {
            nullValue();
            return;
        }
        byte[] quoted = lastQuoted[slot];
        if (quoted != null && s.equals(lastText[slot])) {
            raw(quoted);
            return;
        }
        separate(s.length() * 6 + 2);
        int from = n;
        quoted(s);
        lastQuoted[slot] = Arrays.copyOfRange(b, from, n);
        lastText[slot] = s;
    }

    /** {@code s} in quotes, escaped; room made. */
    private void quoted(String s) {
        int length = s.length();
        if (length >= 16 && plain(s, length)) {
            return;
        }
        byte[] b = this.b;
        int n = this.n;
        b[n++] = '"';
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[n++] = (byte) c;
                } else {
                    b[n++] = '\\';
                    b[n++] = e;
                    if (e == 'u') {
                        n = hex(c, b, n);
                    }
                }
            } else if (c < 0x800) {
                b[n++] = (byte) (0xc0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[n++] = '\\';
                b[n++] = 'u';
                n = hex(c, b, n);
            } else {
                b[n++] = (byte) (0xe0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        b[n++] = '"';
        this.n = n;
    }

    /**
     * A long text of printable ASCII without quote or backslash (a record's original line, its id, a hash)
     * copied whole, quoted: Java's encoder copies such text in one vector step, and checking its bytes costs
     * less than a char at a time. False, with nothing written, for any other text. A lone surrogate is
     * encoded as '?', one byte for one char, so a '?' sends the text the char-by-char way too.
     */
    private boolean plain(String s, int length) {
        byte[] ascii = s.getBytes(StandardCharsets.UTF_8);
        if (ascii.length != length) {
            return false;
        }
        for (byte x : ascii) {
            if (x < 0x20 || x == '"' || x == '\\' || x == '?') {
                return false;
            }
        }
        b[n] = '"';
        System.arraycopy(ascii, 0, b, n + 1, length);
        n += length + 2;
        b[n - 1] = '"';
        return true;
    }

    /** Text known to be ASCII without anything to escape (a number's digits). */
    private void ascii(String s) {
        separate(s.length());
        s.getBytes(0, s.length(), b, n); // ASCII: each char is its byte
        n += s.length();
    }

    private static int hex(char c, byte[] b, int n) {
        b[n++] = HEX[c >> 12];
        b[n++] = HEX[c >> 8 & 0xf];
        b[n++] = HEX[c >> 4 & 0xf];
        b[n++] = HEX[c & 0xf];
        return n;
    }

    /** Makes room for a comma and {@code more} bytes, and writes the comma when a value came before. */
    private void separate(int more) {
        room(more + 1);
        if (n > 0) {
            byte last = b[n - 1];
            if (last != '{' && last != '[' && last != ':') {
                b[n++] = ',';
            }
        }
    }

    private void room(int more) {
        if (n + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }
}
