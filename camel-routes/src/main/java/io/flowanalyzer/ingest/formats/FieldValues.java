package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.model.IpAddresses;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How every format reads a value of a kind — an address, a port, a protocol, a count, a duration, a
 * phone number — so that a value reads the same whichever format delivered it. {@code label} is how
 * a reject names the field (as the delivery names it). Null in, null out.
 */
public final class FieldValues {
    private static final Map<String, String> TRANSPORT_NUMBERS =
            Map.of("1", "icmp", "6", "tcp", "17", "udp", "58", "ipv6-icmp", "132", "sctp");

    private static final java.util.regex.Pattern PROTOCOL =
            java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,15}|[0-9]{1,3}");
    private static final java.util.regex.Pattern SCIENTIFIC = java.util.regex.Pattern.compile("(?i)[0-9.]+e\\+?[0-9]+");

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private FieldValues() {}

    /** Stripped, every run of whitespace one space ("Nov  4" → "Nov 4"); the text itself when it already is. */
    static String singleSpaced(String text) {
        String s = text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && Character.isWhitespace(c) || c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return WHITESPACE.matcher(s).replaceAll(" ");
            }
        }
        return s;
    }

    /** How a reject names the field; worked out only when a value is refused (most never are). */
    @FunctionalInterface
    interface Label {
        String text();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static String ip(Label label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        return IpAddresses.normalise(v)
                .orElseThrow(() -> new BadField(label.text() + " '" + abbreviate(v, 60) + "' is not an IP address"));
    }

    static Integer port(Label label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        long n = count(label, v, "a port number (0-65535)");
        if (n > 65535) {
            throw new BadField(label.text() + " '" + v + "' is not a port number (0-65535)");
        }
        return (int) n;
    }

    /** A non-negative whole number; a spreadsheet's "1234.0" is one too, "12.5" is not. */
    static long count(Label label, String v, String expected) throws BadField {
        String digits = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
        long n = 0;
        int length = digits.length();
        for (int i = 0; i < length; i++) { // checked and read in one pass; 18 digits cannot overflow
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                n = -1;
                break;
            }
            n = n * 10 + (c - '0');
        }
        if (length == 0 || length > 18 || n < 0) {
            throw new BadField(label.text() + " '" + abbreviate(v, 60) + "' is not " + expected);
        }
        return n;
    }

    /** A duration in seconds, whole or with a fraction (flow exports write 12.345), or h:mm:ss; to the millisecond. */
    static Duration seconds(Label label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        try {
            BigDecimal s;
            String[] hms = v.split(":");
            if (hms.length == 3 && hms[1].length() == 2 && hms[2].length() >= 2) {
                s = new BigDecimal(hms[2])
                        .add(BigDecimal.valueOf(Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[0]) * 3600));
                if (Long.parseLong(hms[1]) > 59) {
                    throw new NumberFormatException();
                }
            } else {
                s = new BigDecimal(v);
            }
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(10L * 365 * 86400)) > 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(
                    s.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadField(label.text() + " '" + abbreviate(v, 60) + "' is not a number of seconds");
        }
    }

    /** A protocol name or IANA number, as a lower-case name ("6" and "TCP" are both "tcp"). */
    static String transport(Label label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        switch (v) { // the usual spellings, without lower-casing and a map lookup per line
            case "tcp", "TCP", "6" -> {
                return "tcp";
            }
            case "udp", "UDP", "17" -> {
                return "udp";
            }
            default -> {}
        }
        String lower = v.toLowerCase(Locale.ROOT);
        String named = TRANSPORT_NUMBERS.get(lower);
        if (named != null) {
            return named;
        }
        if (!PROTOCOL.matcher(lower).matches()) {
            throw new BadField(
                    label.text() + " '" + abbreviate(v, 60) + "' is not a transport protocol name or number");
        }
        return lower;
    }

    static String digits(Label label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        if (v.length() <= 20 && allDigits(v)) {
            return v;
        }
        scientific(label, v);
        if (v.length() > 20 || !allDigits(v)) {
            throw new BadField(label.text() + " '" + abbreviate(v, 60) + "' is not a number made of digits");
        }
        return v;
    }

    /**
     * The phone-number rule for readers outside the formats (reference files): the same normal form,
     * a refusal as an IllegalArgumentException whose message is the reason.
     */
    public static String phoneNumber(String field, String value, String countryCode) {
        try {
            return msisdn(() -> field, value, countryCode);
        } catch (BadField e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The digits-only rule (IMSI, IMEI) for readers outside the formats; a refusal as IllegalArgumentException. */
    public static String identifierDigits(String field, String value) {
        try {
            return digits(() -> field, value);
        } catch (BadField e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Digits only, with the country code in front of a national number, so one phone reads one way. */
    static String msisdn(Label label, String v, String countryCode) throws BadField {
        if (v == null) {
            return null;
        }
        scientific(label, v);
        String n = v.replace(" ", "").replace("-", "");
        if (n.startsWith("+")) {
            n = n.substring(1);
        }
        if (n.isEmpty() || n.length() > 20 || !allDigits(n)) {
            throw new BadField(label.text() + " '" + abbreviate(v, 60) + "' is not a phone number");
        }
        if (countryCode != null && n.length() == 10) {
            n = countryCode + n;
        } else if (countryCode != null && n.length() == 11 && n.startsWith("0")) {
            n = countryCode + n.substring(1);
        }
        return n;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void scientific(Label label, String v) throws BadField {
        if ((v.indexOf('e') >= 0 || v.indexOf('E') >= 0)
                && SCIENTIFIC.matcher(v).matches()) {
            throw new BadField(
                    label.text() + " '" + v + "' is in spreadsheet scientific notation, so its last digits are lost");
        }
    }

    /** Rejects a value with a control character in it (a broken line, or an attempt to forge log lines). */
    static String text(Label label, String v) throws BadField {
        if (v != null) {
            for (int k = 0; k < v.length(); k++) {
                if (Character.isISOControl(v.charAt(k))) {
                    throw new BadField(label.text() + " holds a control character");
                }
            }
        }
        return v;
    }
}
