package io.flowanalyzer.portal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt, remembering for a short while the password/hash pairs it has already found matching. An API
 * client signs in with HTTP Basic on every call; checking BCrypt each time costs about 70 ms of CPU
 * per call on this machine. A remembered pair is keyed by SHA-256 of the password and the stored hash,
 * so a changed password (new hash) is checked afresh, a wrong one is never remembered, and a locked
 * account is refused before its password is looked at. Nothing is written anywhere.
 */
public final class RememberingPasswordEncoder implements PasswordEncoder {
    private static final long TTL_NANOS = 120_000_000_000L;
    private static final int MAX = 10_000;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, Long> matched = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX;
        }
    };

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        String key = key(raw, encoded);
        long now = System.nanoTime();
        synchronized (matched) {
            Long at = matched.get(key);
            if (at != null && now - at < TTL_NANOS) {
                return true;
            }
        }
        boolean ok = bcrypt.matches(raw, encoded);
        if (ok) {
            synchronized (matched) {
                matched.put(key, now);
            }
        }
        return ok;
    }

    private static String key(CharSequence raw, String encoded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encoded.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
