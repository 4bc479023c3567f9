package io.flowanalyzer.portal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query bar's text as investigators type it, made into Elasticsearch query_string syntax:
 * comparisons without a colon ({@code bytes_up>1000000} → {@code bytes_up:>1000000}) and national
 * mobile numbers, which the ingest layer stores with their country code ({@code msisdn:9876543210} →
 * {@code msisdn:(9876543210 OR 919876543210)}). Quoted phrases are left exactly as typed.
 */
public final class QueryText {
    private static final Pattern COMPARISON =
            Pattern.compile("(?<![\\w.@:\\\\])([A-Za-z_@][\\w.@]*)\\s*(>=|<=|>|<)\\s*(?=[^\\s=<>])");
    private static final Pattern MSISDN_FIELD =
            Pattern.compile("(?<![\\w.\\\\])(msisdn|ipdr\\.a_party\\.msisdn):(\\d+)(?![\\w.*?~])");
    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![\\w.:<>=\\\\*?~-])(\\d+)(?![\\w.:*?~])");
    private static final Pattern IP_OR_CIDR = Pattern.compile("[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(/\\d{1,3})?");

    private final String countryCode;
    private final int nationalLength;

    public QueryText(String countryCode, int nationalLength) {
        this.countryCode = countryCode == null ? "" : countryCode;
        this.nationalLength = nationalLength;
    }

    /** {@code text} as the engine takes it; blank means every record. */
    public String rewrite(String text) {
        if (text == null || text.isBlank()) {
            return "*";
        }
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments(text.strip())) {
            out.append(segment.quoted() ? segment.text() : rewriteBare(segment.text()));
        }
        return out.toString();
    }

    /** Addresses and networks named in the text ({@code 10.1.2.3}, {@code "157.240.0.0/16"}), for highlighting. */
    public static List<String> addresses(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (Segment segment : segments(text)) {
            String body = segment.quoted()
                    ? segment.text().substring(1, segment.text().length() - 1)
                    : segment.text();
            for (String token : body.split("[\\s()\"]+")) {
                String value =
                        token.contains(":") && !token.contains("::") && token.indexOf(':') == token.lastIndexOf(':')
                                ? token.substring(token.indexOf(':') + 1)
                                : token;
                if (IP_OR_CIDR.matcher(value).matches() && io.flowanalyzer.model.reference.Cidr.parse(value) != null) {
                    found.add(value);
                } else if (IP_OR_CIDR.matcher(token).matches()
                        && io.flowanalyzer.model.reference.Cidr.parse(token) != null) {
                    found.add(token);
                }
            }
        }
        return found;
    }

    private String rewriteBare(String text) {
        String s = COMPARISON.matcher(text).replaceAll("$1:$2");
        if (countryCode.isEmpty()) {
            return s;
        }
        // bare words first: the field pattern's output must not be read again
        Matcher bare = BARE_NUMBER.matcher(s);
        StringBuilder words = new StringBuilder();
        while (bare.find()) {
            String number = bare.group(1);
            String replacement = national(number) && !inRange(s, bare.start(), bare.end())
                    ? "(" + number + " OR " + countryCode + number + ")"
                    : number;
            bare.appendReplacement(words, Matcher.quoteReplacement(replacement));
        }
        bare.appendTail(words);
        Matcher field = MSISDN_FIELD.matcher(words.toString());
        StringBuilder out = new StringBuilder();
        while (field.find()) {
            String number = field.group(2);
            String replacement = national(number)
                    ? field.group(1) + ":(" + number + " OR " + countryCode + number + ")"
                    : field.group();
            field.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        field.appendTail(out);
        return out.toString();
    }

    /** Whether the number at [start, end) is a bound of a range ({@code [6000000000 TO *]}). */
    private static boolean inRange(String s, int start, int end) {
        String before = s.substring(0, start).stripTrailing();
        String after = s.substring(end).stripLeading();
        return before.endsWith("[") || before.endsWith("{") || before.endsWith(" TO") || after.startsWith("TO ");
    }

    /** A national mobile number: the national length, first digit 6–9 as mobile numbers in India begin. */
    private boolean national(String digits) {
        return digits.length() == nationalLength && digits.charAt(0) >= '6' && digits.charAt(0) <= '9';
    }

    private record Segment(String text, boolean quoted) {}

    /** The text cut into quoted phrases (with their quotes) and what lies between them; escapes respected. */
    private static List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                if (quoted) {
                    current.append(c);
                    segments.add(new Segment(current.toString(), true));
                    current.setLength(0);
                    quoted = false;
                } else {
                    if (!current.isEmpty()) {
                        segments.add(new Segment(current.toString(), false));
                    }
                    current.setLength(0);
                    current.append(c);
                    quoted = true;
                }
                continue;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            // an unclosed quote goes to the engine as typed, which explains it
            segments.add(new Segment(current.toString(), quoted));
        }
        return segments;
    }
}
