package io.flowanalyzer.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic ids: the same delivery read again (a restart, a replay, a re-delivery of the same
 * bytes, or of an overlapping file) yields the same ids, so Elasticsearch overwrites instead of duplicating.
 */
public final class RecordIds {
    private RecordIds() {}

    /** 32 hex characters (128 bits) of SHA-256 over the ISP name and the file's SHA-256. */
    public static String forDelivery(String isp, String fileSha256) {
        return sha256Hex("delivery\n" + isp + "\n" + fileSha256).substring(0, 32);
    }

    /**
     * The id of a session from its normalised content and its ISP: the same session delivered again,
     * in the same file or in an overlapping one, keeps its id and so is stored once. Null parts count
     * as empty.
     */
    public static String forSession(String isp, Object... content) {
        return forContent("session", isp, content);
    }

    /** The id of a NAT or RADIUS binding event, from its normalised content: the same event delivered twice is stored once. */
    public static String forBinding(String isp, Object... content) {
        return forContent("binding", isp, content);
    }

    /** The id of a probable contact between two sessions, whichever of them is named first. */
    public static String forLink(String sessionId, String otherSessionId) {
        return sessionId.compareTo(otherSessionId) <= 0
                ? id128("link\n" + sessionId + "\n" + otherSessionId)
                : id128("link\n" + otherSessionId + "\n" + sessionId);
    }

    private static String forContent(String kind, String isp, Object... content) {
        ContentText text = CONTENT.get().start();
        text.ascii(kind).ascii("\n").text(isp);
        for (Object part : content) {
            text.separator();
            // each written exactly as String.valueOf writes it, without making the string first
            if (part instanceof Instant t) {
                text.instant(t);
            } else if (part instanceof Integer i) {
                text.number(i.intValue());
            } else if (part instanceof Long l) {
                text.number(l.longValue());
            } else if (part instanceof SessionRecord.GeoPoint p) {
                text.ascii("GeoPoint[lat=")
                        .ascii(DoubleText.of(p.lat()))
                        .ascii(", lon=")
                        .ascii(DoubleText.of(p.lon()))
                        .ascii("]");
            } else if (part != null) {
                text.text(part.toString());
            }
        }
        return text.id128();
    }

    /**
     * The UTF-8 bytes of a content id's text, written into one reused buffer and hashed from it: the same
     * bytes as {@code text.getBytes(UTF_8)} of the text built as a string, without the builder, the string
     * and the copy (ids are made for every record read).
     */
    private static final class ContentText {
        private byte[] bytes = new byte[512];
        private int length;
        /** Its own digest and output, with the buffer: one thread-local look-up a record. */
        private final MessageDigest digest = sha256();

        private final byte[] hash = new byte[32];
        private final byte[] hex = new byte[32];

        ContentText start() {
            length = 0;
            return this;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** Text known to be ASCII. */
        ContentText ascii(String s) {
            int n = s.length();
            room(n);
            s.getBytes(0, n, bytes, length); // each char is its byte
            length += n;
            return this;
        }

        /** Any text: ASCII as it is, anything else as UTF-8 (the rare cell with a name in Devanagari). */
        ContentText text(String s) {
            int n = s.length();
            room(n);
            byte[] b = bytes;
            int at = length;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    length = at;
                    byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                    room(utf8.length);
                    System.arraycopy(utf8, 0, bytes, length, utf8.length);
                    length += utf8.length;
                    return this;
                }
                b[at++] = (byte) c;
            }
            length = at;
            return this;
        }

        void separator() {
            room(1);
            bytes[length++] = 0x1f;
        }

        void number(long v) {
            room(20);
            length = com.fasterxml.jackson.core.io.NumberOutput.outputLong(v, bytes, length); // as Long.toString
        }

        /** As {@link Instant#toString} writes it (the JSON's own form, {@link InstantText}). */
        void instant(Instant t) {
            room(30);
            int end = InstantText.write(t, bytes, length);
            if (end < 0) {
                ascii(t.toString());
            } else {
                length = end;
            }
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        String id128() {
            try {
                digest.update(bytes, 0, length);
                digest.digest(hash, 0, hash.length); // leaves the digest reset for the next use
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 did not fit its 32 bytes", e);
            }
            for (int i = 0; i < 16; i++) {
                hex[2 * i] = HEX_DIGITS[(hash[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX_DIGITS[hash[i] & 0xf];
            }
            return new String(hex, StandardCharsets.ISO_8859_1);
        }
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private static final ThreadLocal<ContentText> CONTENT = ThreadLocal.withInitial(ContentText::new);

    /** {@link Instant#toString()} as a content id writes it (into its buffer, by {@link InstantText}). */
    static String text(Instant t) {
        ContentText text = CONTENT.get().start(); // not while an id is being made: ids make no texts
        text.instant(t);
        return text.toString();
    }

    /** The id of the session read from {@code line} (1-based) of a delivery. */
    public static String forLine(String deliveryId, long line) {
        return sha256Hex("line\n" + deliveryId + "\n" + line).substring(0, 32);
    }

    /** The id of the reject made of {@code line} of a delivery (0 stands for the whole file). */
    public static String forRejectedLine(String deliveryId, long line) {
        return sha256Hex("reject\n" + deliveryId + "\n" + line).substring(0, 32);
    }

    /** The first 128 bits of SHA-256 in hex: the ids' form, without writing the other half only to drop it. */
    static String id128(String text) {
        byte[] digest = DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    public static String sha256Hex(String text) {
        MessageDigest digest = DIGEST.get(); // digest() leaves it reset for the next use
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: looking the algorithm up for every record costs as much as the hashing. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(RecordIds::sha256);

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
