package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.reference.Cidr;
import java.util.Locale;

/**
 * One filter chip, written in URLs as {@code f=kind:value} ({@code f=app:WhatsApp},
 * {@code f=ip:157.240.0.0/16}, {@code f=geo:28.9,76.8,28.4,77.4} — north, west, south, east) and
 * {@code f=-kind:value} to exclude. The value is checked and put in the form it is stored in, so a
 * chip that cannot match anything is refused with a sentence instead.
 */
public record Filter(FilterKind kind, String value, boolean excluded) {
    public static final int MAX_VALUE_LENGTH = 200;

    public static Filter parse(String text) {
        String s = text == null ? "" : text.strip();
        boolean excluded = s.startsWith("-") || s.startsWith("!");
        if (excluded) {
            s = s.substring(1);
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new InvalidSearch(
                    "The filter '" + shorten(text) + "' is not kind:value; for example app:WhatsApp or ip:10.0.0.0/8.");
        }
        String key = s.substring(0, colon);
        FilterKind kind = FilterKind.of(key)
                .orElseThrow(() -> new InvalidSearch("There is no filter called '" + shorten(key)
                        + "'; the filters are " + FilterKind.known() + "."));
        String value = s.substring(colon + 1).strip();
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidSearch("The " + kind.label() + " filter's value is longer than " + MAX_VALUE_LENGTH
                    + " characters; paste long lists as an identifier list.");
        }
        return new Filter(kind, canonical(kind, value), excluded);
    }

    private static String canonical(FilterKind kind, String value) {
        switch (kind) {
            case IP, DESTINATION -> {
                Cidr block = Cidr.parse(value);
                if (block == null) {
                    throw new InvalidSearch("'" + shorten(value)
                            + "' is not an IP address or network (such as 10.1.2.3 or 157.240.0.0/16).");
                }
                return value.contains("/")
                        ? block.toString()
                        : IpAddresses.normalise(value).orElseThrow();
            }
            case MSISDN, IMSI, IMEI -> {
                String digits = value.replace(" ", "").replace("-", "");
                if (digits.startsWith("+")) {
                    digits = digits.substring(1);
                }
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                    throw new InvalidSearch("The " + kind.label() + " '" + shorten(value) + "' should be digits only.");
                }
                return digits;
            }
            case GEO -> {
                return GeoBox.parse(value).toString();
            }
            case TAGGED -> {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,63}")) {
                    throw new InvalidSearch("'" + shorten(value) + "' is not a case number.");
                }
                return value;
            }
            case COUNTRY -> {
                return value.toUpperCase(Locale.ROOT);
            }
            default -> {
                return value;
            }
        }
    }

    /** The chip as the URL carries it. */
    public String param() {
        return (excluded ? "-" : "") + kind.key() + ":" + value;
    }

    /** The chip's words: "App: WhatsApp", "not ISP: jio". */
    public String label() {
        return (excluded ? "not " : "") + kind.label() + ": " + value;
    }

    public static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
