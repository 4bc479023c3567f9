package io.flowanalyzer.portal.deliveries;

import io.flowanalyzer.model.RecordIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Hands uploaded files to the ingest inbox ({@code inbox/<isp>/<file>}), the folder the inbox route
 * reads: streamed to a hidden part file while hashed, the requested profile left beside it, then moved
 * into place in one step so that the route never sees half a file. Names from outside never leave
 * their folder.
 */
@Component
public class DeliveryInbox {
    private static final Pattern ISP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path inbox;

    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    public DeliveryInbox(
            @Value("${flowanalyzer.ingest.inbox:data/inbox}") Path inbox,
            io.flowanalyzer.portal.audit.AuditTrail audit) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.audit = audit;
    }

    /**
     * What was received: the delivery's id (as custody will name it), its hash, the name it got, and
     * (when asked for) the SHA-256 of every file in it as custody will record them — the file itself and,
     * for a zip archive, each of its entries, which are read as deliveries of their own.
     */
    public record Received(String id, String sha256, String isp, String file, long size, List<String> files) {}

    /** Bounds on reading a zip's entries to hash them: a hostile archive costs a bounded time. */
    static final int MAX_ENTRIES = 10_000;

    static final long MAX_EXPANDED_BYTES = 16L << 30;

    public Received receive(String isp, String profile, String originalName, InputStream content) throws IOException {
        return receive(isp, profile, originalName, content, false);
    }

    public Received receive(String isp, String profile, String originalName, InputStream content, boolean listFiles)
            throws IOException {
        if (isp == null || !ISP.matcher(isp).matches()) {
            throw new IllegalArgumentException(
                    "The ISP name may hold only letters, digits, '.', '_' and '-' (up to 64).");
        }
        if (profile != null && !profile.isBlank() && !PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("'" + profile + "' is not a format profile name.");
        }
        Path folder = inbox.resolve(isp).normalize();
        if (!folder.startsWith(inbox)) {
            throw new IllegalArgumentException(
                    "The ISP name may hold only letters, digits, '.', '_' and '-' (up to 64).");
        }
        Files.createDirectories(folder);
        String name = safeName(originalName);
        Path part = folder.resolve(".upload-" + UUID.randomUUID() + ".part");
        MessageDigest digest = RecordIds.sha256();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
            size = content.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        List<String> files = new ArrayList<>(List.of(sha256));
        if (listFiles) {
            try {
                files.addAll(zipEntryHashes(part));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
        }
        Path target = freeName(folder, name);
        if (profile != null && !profile.isBlank()) {
            Files.writeString(folder.resolve("." + target.getFileName() + ".profile"), profile + "\n");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        audit.record(
                "upload_delivery",
                "ok",
                RecordIds.forDelivery(isp, sha256),
                target.getFileName() + " from " + isp + " (sha256 " + sha256 + ")",
                java.util.Map.of("isp", isp, "file", target.getFileName().toString(), "sha256", sha256));
        return new Received(
                RecordIds.forDelivery(isp, sha256),
                sha256,
                isp,
                target.getFileName().toString(),
                size,
                List.copyOf(files));
    }

    /** The SHA-256 of each entry of a zip archive (none for any other file): the hashes custody gives them. */
    static List<String> zipEntryHashes(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4
                    || magic[0] != 'P'
                    || magic[1] != 'K'
                    || magic[2] != 3
                    || magic[3] != 4) {
                return List.of();
            }
        }
        List<String> hashes = new ArrayList<>();
        long expanded = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.Enumeration<? extends java.util.zip.ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                java.util.zip.ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (hashes.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException(
                            "The archive holds more than " + MAX_ENTRIES + " files; it was not received.");
                }
                MessageDigest d = RecordIds.sha256();
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        expanded += n;
                        if (expanded > MAX_EXPANDED_BYTES) {
                            throw new IllegalArgumentException("The archive expands to more than "
                                    + (MAX_EXPANDED_BYTES >> 30) + " GiB; it was not received.");
                        }
                        d.update(buffer, 0, n);
                    }
                }
                hashes.add(HexFormat.of().formatHex(d.digest()));
            }
        } catch (java.util.zip.ZipException e) {
            return List.of(); // not a readable zip: ingest quarantines it, and its own hash is tagged
        }
        return hashes;
    }

    /** The file's own name, without any folder, leading dots or characters a file system might read as something else. */
    static String safeName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[^A-Za-z0-9._ -]", "_")
                .replaceAll("^[.\\s]+", "")
                .strip();
        if (name.length() > 120) {
            name = name.substring(name.length() - 120);
        }
        return name.isEmpty() ? "upload" : name;
    }

    /** The name, or name-1, name-2 … when a file of that name still waits in the inbox. */
    private static Path freeName(Path folder, String name) throws IOException {
        Path candidate = folder.resolve(name);
        int dot = name.indexOf('.');
        for (int i = 1; Files.exists(candidate); i++) {
            String numbered = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
            candidate = folder.resolve(numbered);
            if (i > 10_000) {
                throw new FileAlreadyExistsException(candidate.toString());
            }
        }
        return candidate;
    }
}
