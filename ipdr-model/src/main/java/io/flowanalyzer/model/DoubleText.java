package io.flowanalyzer.model;

/**
 * {@link Double#toString} of the values last written, kept: a record's coordinates are its cell's, which
 * recur through a delivery, and each is written into the record's id and into its JSON. Java's conversion
 * was a twentieth of reading a CSV line.
 */
final class DoubleText {
    private DoubleText() {}

    private static final int SLOTS = 256;

    /** A value and its text; immutable, so a thread that reads another's entry reads it whole. */
    private record Entry(long bits, String text) {}

    private static final Entry[] KEPT = new Entry[SLOTS];

    /** Exactly {@code Double.toString(v)}. */
    static String of(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int slot = (int) ((bits ^ bits >>> 29) * 0x9E3779B97F4A7C15L >>> 56); // 0..255
        Entry e = KEPT[slot];
        if (e != null && e.bits == bits) {
            return e.text;
        }
        String text = Double.toString(v);
        KEPT[slot] = new Entry(bits, text);
        return text;
    }
}
