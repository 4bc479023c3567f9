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
        StringBuilder sb = new StringBuilder(256).append(kind).append('\n').append(isp);
        for (Object part : content) {
            sb.append('\u001f');
            // each written exactly as String.valueOf writes it, without making the string first
            if (part instanceof Instant t) {
                sb.append(text(t));
            } else if (part instanceof Integer i) {
                sb.append(i.intValue());
            } else if (part instanceof Long l) {
                sb.append(l.longValue());
            } else if (part instanceof SessionRecord.GeoPoint p) {
                sb.append("GeoPoint[lat=")
                        .append(p.lat())
                        .append(", lon=")
                        .append(p.lon())
                        .append(']');
            } else if (part != null) {
                sb.append(part);
            }
        }
        return id128(sb.toString());
    }

    /**
     * {@link Instant#toString()} for the millisecond instants records carry, written without the
     * general formatter (ids are made for every record); anything finer goes the general way.
     */
    static String text(Instant t) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        if (nanos % 1_000_000 != 0 || seconds < 0 || seconds >= 253402300800L) {
            return t.toString();
        }
        java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(24);
        sb.append(d.getYear()).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append('T');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond());
        if (nanos != 0) {
            int millis = nanos / 1_000_000;
            sb.append('.')
                    .append((char) ('0' + millis / 100))
                    .append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
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
