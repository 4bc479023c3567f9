package io.flowanalyzer.portal.search;

import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.reference.Cidr;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list of identifiers pasted or uploaded as one filter: addresses and networks, numbers (MSISDN,
 * IMSI, IMEI or subscriber id — a number matches any of them) and other subscriber ids. Its id is
 * derived from its content, so the same list pasted twice is one list and a URL naming it is stable.
 */
public record IdList(String id, List<String> addresses, List<String> numbers, List<String> others) {
    public static final int MAX_ENTRIES = 10_000;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;|\"']+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}._@:/+-]{1,64}");

    /** The identifiers in {@code text} (one per line, or separated by commas, semicolons, tabs or spaces). */
    public static IdList parse(String text) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String token : SEPARATORS.split(text == null ? "" : text)) {
            if (token.isEmpty()) {
                continue;
            }
            if (addresses.size() + numbers.size() + others.size() >= MAX_ENTRIES) {
                throw new InvalidSearch("A list holds at most " + String.format("%,d", MAX_ENTRIES)
                        + " identifiers; split it, or narrow the search another way.");
            }
            String digits = token.startsWith("+") ? token.substring(1) : token;
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                numbers.add(digits);
            } else if ((token.indexOf('.') > 0 || token.indexOf(':') >= 0) && Cidr.parse(token) != null) {
                addresses.add(
                        token.contains("/")
                                ? Cidr.parse(token).toString()
                                : IpAddresses.normalise(token).orElseThrow());
            } else if (WORD.matcher(token).matches()) {
                others.add(token);
            } else {
                throw new InvalidSearch(
                        "'" + Filter.shorten(token) + "' in the list is not an address, a number or an id.");
            }
        }
        if (addresses.isEmpty() && numbers.isEmpty() && others.isEmpty()) {
            throw new InvalidSearch("The list is empty: paste or upload the identifiers, one per line.");
        }
        List<String> a = new ArrayList<>(addresses);
        List<String> n = new ArrayList<>(numbers);
        List<String> o = new ArrayList<>(others);
        return new IdList(contentId(a, n, o), a, n, o);
    }

    public int size() {
        return addresses.size() + numbers.size() + others.size();
    }

    /** "412 identifiers: 400 numbers, 12 addresses". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!numbers.isEmpty()) {
            parts.add(numbers.size() + (numbers.size() == 1 ? " number" : " numbers"));
        }
        if (!addresses.isEmpty()) {
            parts.add(addresses.size() + (addresses.size() == 1 ? " address" : " addresses"));
        }
        if (!others.isEmpty()) {
            parts.add(others.size() + (others.size() == 1 ? " other id" : " other ids"));
        }
        return size() + (size() == 1 ? " identifier: " : " identifiers: ") + String.join(", ", parts);
    }

    private static String contentId(List<String> a, List<String> n, List<String> o) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (List<String> group : List.of(
                    a.stream().sorted().toList(),
                    n.stream().sorted().toList(),
                    o.stream().sorted().toList())) {
                for (String v : group) {
                    sha.update(v.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) '\n');
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
