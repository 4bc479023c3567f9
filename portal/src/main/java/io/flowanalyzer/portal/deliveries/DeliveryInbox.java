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
import java.util.HexFormat;
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

    /** What was received: the delivery's id (as custody will name it), its hash and the name it got. */
    public record Received(String id, String sha256, String isp, String file, long size) {}

    public Received receive(String isp, String profile, String originalName, InputStream content) throws IOException {
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
                size);
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
