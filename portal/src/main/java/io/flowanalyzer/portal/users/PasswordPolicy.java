package io.flowanalyzer.portal.users;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.security.LoginPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a portal password must be: at least {@code min-password-length} characters (12), not one of
 * the banned passwords and not a banned word dressed up with digits and symbols ({@code Password123!}),
 * not the user name, and not one character repeated. Each refusal is a sentence.
 */
@Component
public class PasswordPolicy {
    private final int minLength;
    private final Set<String> banned;

    public PasswordPolicy(LoginPolicy policy) {
        this.minLength = policy.minPasswordLength();
        this.banned = load();
    }

    /** Refuses {@code password} for {@code user} with a sentence, or returns quietly. */
    public void check(String user, String password) {
        if (password == null || password.length() < minLength) {
            throw new InvalidSearch("A password needs at least " + minLength + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (banned.contains(lower) || banned.contains(core(lower))) {
            throw new InvalidSearch("This password is on the list of common passwords; choose another.");
        }
        if (password.chars().noneMatch(Character::isLetter)) {
            throw new InvalidSearch("A password needs letters, not only digits and symbols.");
        }
        if (user != null && !user.isBlank() && lower.contains(user.toLowerCase(Locale.ROOT))) {
            throw new InvalidSearch("A password may not contain the user name.");
        }
        if (password.chars().distinct().count() < 4) {
            throw new InvalidSearch("A password needs at least 4 different characters.");
        }
    }

    /**
     * The word under the dressing: digits and symbols around it cut off, look-alike characters read as
     * letters ({@code P@ssw0rd2026!} → {@code password}).
     */
    static String core(String lower) {
        String trimmed = lower.replaceAll("^[^\\p{L}@$]+|[^\\p{L}@$]+$", "");
        StringBuilder sb = new StringBuilder();
        for (char c : trimmed.toCharArray()) {
            switch (c) {
                case '@', '4' -> sb.append('a');
                case '0' -> sb.append('o');
                case '1', '!' -> sb.append('i');
                case '3' -> sb.append('e');
                case '$', '5' -> sb.append('s');
                case '7' -> sb.append('t');
                default -> {
                    if (Character.isLetter(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/security/banned-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/banned-passwords.txt is missing from the portal");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String w = line.strip().toLowerCase(Locale.ROOT);
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
