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
final class FieldValues {
    private static final Map<String, String> TRANSPORT_NUMBERS =
            Map.of("1", "icmp", "6", "tcp", "17", "udp", "58", "ipv6-icmp", "132", "sctp");

    private FieldValues() {}

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static String ip(String label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        return IpAddresses.normalise(v)
                .orElseThrow(() -> new BadField(label + " '" + abbreviate(v, 60) + "' is not an IP address"));
    }

    static Integer port(String label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        long n = count(label, v, "a port number (0-65535)");
        if (n > 65535) {
            throw new BadField(label + " '" + v + "' is not a port number (0-65535)");
        }
        return (int) n;
    }

    /** A non-negative whole number; a spreadsheet's "1234.0" is one too, "12.5" is not. */
    static long count(String label, String v, String expected) throws BadField {
        String digits = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new BadField(label + " '" + abbreviate(v, 60) + "' is not " + expected);
        }
        return Long.parseLong(digits);
    }

    /** A duration in seconds, whole or with a fraction (flow exports write 12.345), or h:mm:ss; to the millisecond. */
    static Duration seconds(String label, String v) throws BadField {
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
            throw new BadField(label + " '" + abbreviate(v, 60) + "' is not a number of seconds");
        }
    }

    /** A protocol name or IANA number, as a lower-case name ("6" and "TCP" are both "tcp"). */
    static String transport(String label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        String named = TRANSPORT_NUMBERS.get(lower);
        if (named != null) {
            return named;
        }
        if (!lower.matches("[a-z][a-z0-9-]{0,15}|[0-9]{1,3}")) {
            throw new BadField(label + " '" + abbreviate(v, 60) + "' is not a transport protocol name or number");
        }
        return lower;
    }

    static String digits(String label, String v) throws BadField {
        if (v == null) {
            return null;
        }
        scientific(label, v);
        if (v.length() > 20 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new BadField(label + " '" + abbreviate(v, 60) + "' is not a number made of digits");
        }
        return v;
    }

    /** Digits only, with the country code in front of a national number, so one phone reads one way. */
    static String msisdn(String label, String v, String countryCode) throws BadField {
        if (v == null) {
            return null;
        }
        scientific(label, v);
        String n = v.replace(" ", "").replace("-", "");
        if (n.startsWith("+")) {
            n = n.substring(1);
        }
        if (n.isEmpty() || n.length() > 20 || !n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new BadField(label + " '" + abbreviate(v, 60) + "' is not a phone number");
        }
        if (countryCode != null && n.length() == 10) {
            n = countryCode + n;
        } else if (countryCode != null && n.length() == 11 && n.startsWith("0")) {
            n = countryCode + n.substring(1);
        }
        return n;
    }

    private static void scientific(String label, String v) throws BadField {
        if (v.matches("(?i)[0-9.]+e\\+?[0-9]+")) {
            throw new BadField(
                    label + " '" + v + "' is in spreadsheet scientific notation, so its last digits are lost");
        }
    }

    /** Rejects a value with a control character in it (a broken line, or an attempt to forge log lines). */
    static String text(String label, String v) throws BadField {
        if (v != null) {
            for (int k = 0; k < v.length(); k++) {
                if (Character.isISOControl(v.charAt(k))) {
                    throw new BadField(label + " holds a control character");
                }
            }
        }
        return v;
    }
}
