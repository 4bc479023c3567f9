package io.flowanalyzer.ingest.custody;

import io.flowanalyzer.model.RecordIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The custody fingerprint of a delivered file: its SHA-256 and size, computed as a stream. */
public record DeliveryCustody(String sha256, long size) {

    public static DeliveryCustody of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The fingerprint of a stream (an archive entry, say), read to its end; the caller closes it. */
    public static DeliveryCustody of(InputStream stream) throws IOException {
        MessageDigest digest = RecordIds.sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        InputStream in = new DigestInputStream(stream, digest);
        int n;
        while ((n = in.read(buffer)) != -1) {
            size += n;
        }
        return new DeliveryCustody(HexFormat.of().formatHex(digest.digest()), size);
    }
}
