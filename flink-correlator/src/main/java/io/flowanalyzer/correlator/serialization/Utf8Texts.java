package io.flowanalyzer.correlator.serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Text in the job's own serializers: its length (seven bits a byte), then its UTF-8 bytes — Flink's
 * {@link StringValue} writes a character at a time, which was most of what serializing a record cost.
 */
public final class Utf8Texts {
    /** A length with this low bit set is followed by Flink's own character encoding instead of UTF-8. */
    private static final int CHARACTERS = 1;

    private Utf8Texts() {}

    /**
     * UTF-8, unless the text holds a surrogate of its own: UTF-8 cannot carry a lone one, so such text goes
     * in Flink's encoding of every character as it is (emoji too, which is rare enough not to matter).
     */
    public static void write(String s, DataOutputView out) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (!plainAscii(utf8, s.length()) && hasSurrogate(s)) {
            writeLength(CHARACTERS, out);
            StringValue.writeString(s, out);
        } else {
            writeLength(utf8.length << 1, out);
            out.write(utf8);
        }
    }

    /** A text {@link #write} wrote, after its length ({@link #readLength}). */
    public static String read(DataInputView in) throws IOException {
        int length = readLength(in);
        if (inCharacters(length)) {
            return StringValue.readString(in);
        }
        byte[] utf8 = new byte[bytes(length)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Whether the text after this length is in Flink's character encoding rather than UTF-8. */
    public static boolean inCharacters(int length) {
        return (length & CHARACTERS) != 0;
    }

    /** How many UTF-8 bytes follow this length. */
    public static int bytes(int length) {
        return length >>> 1;
    }

    /**
     * Whether a text's UTF-8 shows it holds no surrogate without looking at its chars again: one byte a char
     * means every char is ASCII or a lone surrogate, which the encoder writes as '?'; so with no '?' either, none.
     */
    private static boolean plainAscii(byte[] utf8, int chars) {
        if (utf8.length != chars) {
            return false;
        }
        for (byte b : utf8) {
            if (b == '?') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Seven bits a byte, low first: most fields are under 128 bytes, so their length takes one. */
    private static void writeLength(int value, DataOutputView out) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static int readLength(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("A text length in a serialized record is longer than five bytes");
    }
}
