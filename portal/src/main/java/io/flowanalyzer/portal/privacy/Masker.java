package io.flowanalyzer.portal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces subscriber identifiers — MSISDN, IMSI, IMEI, subscriber id, device id, name and address —
 * with pseudonyms for a user who may not see them. A pseudonym ({@code MASKED-3F9A1C2B}) is a keyed
 * hash of the value: the same subscriber gets the same pseudonym on every page and in every export,
 * so patterns stay visible, but the value cannot be read back without the key. Raw delivered lines
 * and flag reasons have the record's own identifiers and any other phone-, IMSI- or IMEI-like number
 * replaced too.
 */
public final class Masker {
    public static final String PREFIX = "MASKED-";
    /** No masking: the user may see identifiers. */
    public static final Masker NONE = new Masker(null, null);

    /** Field names (last part of the dotted name) that hold an identifier wherever they appear. */
    private static final Set<String> IDENTIFIERS = Set.of(
            "msisdn", "imsi", "imei", "subscriber_id", "device_id", "user_name", "calling_station_id", "candidates");
    /** Field names that hold an identifier under a subscriber object ({@code ipdr.a_party.name}). */
    private static final Set<String> PERSONAL = Set.of("name", "address");

    private static final Set<String> PERSON_OBJECTS = Set.of("a_party", "subscriber", "party_a", "party_b");
    /** Free text that may quote identifiers: the delivered line, a flag's reason. */
    private static final Set<String> TEXT = Set.of("original", "reason", "raw");
    /** Numbers as long as an MSISDN (10–12 digits), an IMSI or IMEI (14–16 digits). */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9])[0-9]{10,16}(?![0-9])");

    private final Mac prototype;
    private final String reason;

    public Masker(byte[] key, String reason) {
        this.prototype = key == null ? null : mac(key);
        this.reason = reason;
    }

    /** Keyed once: an export masks millions of values, and looking up and keying a MAC each time costs more than the hash. */
    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public boolean active() {
        return prototype != null;
    }

    /**
     * Refuses a question that names subscribers by their identifiers (common contacts, a chain, a path)
     * when this user may not see them: {@code question} says what needs them, the reason follows.
     */
    public void requireIdentifiers(String question) {
        if (active()) {
            throw new io.flowanalyzer.portal.search.InvalidSearch(question + ". " + reason());
        }
    }

    /** Why identifiers are masked, as a sentence for the page and the report. */
    public String reason() {
        return reason;
    }

    /** The pseudonym of {@code value} (null and empty stay as they are). */
    public String value(String value) {
        if (!active() || value == null || value.isEmpty() || value.startsWith(PREFIX)) {
            return value;
        }
        Mac mac;
        try {
            mac = (Mac) prototype.clone(); // a copy per value: a masker may be shared between threads
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the runtime's HmacSHA256 cannot be copied", e);
        }
        byte[] digest = mac.doFinal(canonical(value).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
    }

    /** A national and an international MSISDN are the same subscriber: both get the same pseudonym. */
    private static String canonical(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.matches("\\+?91[6-9][0-9]{9}") ? v.substring(v.length() - 10) : v;
    }

    /** A copy of {@code doc} with every identifier masked; the document itself is not changed. */
    public Map<String, Object> document(Map<String, Object> doc) {
        if (!active() || doc == null) {
            return doc;
        }
        Set<String> known = new LinkedHashSet<>();
        collect(doc, null, known);
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) mask(doc, null, sorted(known));
        return copy;
    }

    /** {@code text} with the given identifiers and any identifier-like number masked. */
    public String text(String text, Iterable<String> identifiers) {
        if (!active() || text == null) {
            return text;
        }
        Set<String> known = new LinkedHashSet<>();
        identifiers.forEach(known::add);
        return maskText(text, sorted(known));
    }

    /** {@code text} with any identifier-like number masked. */
    public String text(String text) {
        return text(text, List.of());
    }

    private static List<String> sorted(Set<String> known) {
        List<String> values = new ArrayList<>();
        for (String k : known) {
            if (k != null && k.strip().length() >= 5) {
                values.add(k.strip());
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values;
    }

    private static boolean identifier(String key, String parent) {
        String leaf = leaf(key);
        String owner = key.contains(".") ? parentOf(key) : parent;
        return IDENTIFIERS.contains(leaf)
                || (PERSONAL.contains(leaf) && owner != null && PERSON_OBJECTS.contains(owner));
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static String parentOf(String key) {
        String head = key.substring(0, key.lastIndexOf('.'));
        return leaf(head);
    }

    private static void collect(Object node, String parent, Set<String> known) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (identifier(key, parent)) {
                    values(e.getValue(), known);
                } else {
                    collect(e.getValue(), leaf(key), known);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                collect(o, parent, known);
            }
        }
    }

    private static void values(Object node, Set<String> known) {
        if (node instanceof List<?> list) {
            list.forEach(o -> values(o, known));
        } else if (node != null && !(node instanceof Map)) {
            String v = String.valueOf(node);
            known.add(v);
            if (v.matches("\\+?91[6-9][0-9]{9}")) {
                known.add(v.substring(v.length() - 10)); // the national form, as raw lines often have it
            }
        }
    }

    private Object mask(Object node, String parent, List<String> known) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                if (identifier(key, parent)) {
                    copy.put(key, maskValues(value));
                } else if (TEXT.contains(leaf(key)) && value instanceof String s) {
                    copy.put(key, maskText(s, known));
                } else {
                    copy.put(key, mask(value, leaf(key), known));
                }
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(mask(o, parent, known));
            }
            return copy;
        }
        return node;
    }

    private Object maskValues(Object node) {
        if (node instanceof List<?> list) {
            return list.stream().map(this::maskValues).toList();
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), maskValues(v)));
            return copy;
        }
        return node == null ? null : value(String.valueOf(node));
    }

    private String maskText(String text, List<String> known) {
        String out = text;
        for (String k : known) {
            out = out.replace(k, value(k));
        }
        Matcher m = LONG_NUMBER.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(timeLike(n) ? n : value(n)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Numbers in a raw line that are times, not identifiers: epoch seconds or milliseconds (Indian
     * mobile numbers start with 6–9, never 1) and compact dates such as 20261124213000.
     */
    static boolean timeLike(String n) {
        if ((n.length() == 10 || n.length() == 13) && n.charAt(0) == '1') {
            return true;
        }
        if ((n.length() == 12 || n.length() == 14) && (n.startsWith("19") || n.startsWith("20"))) {
            int month = Integer.parseInt(n.substring(4, 6));
            int day = Integer.parseInt(n.substring(6, 8));
            return month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }
        return false;
    }
}
