package io.flowanalyzer.portal.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.RecordIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upload tagged with a case names as its files: the hashes custody will give them. */
class DeliveryInboxTest {
    @TempDir
    Path dir;

    private static String sha256(String text) {
        return HexFormat.of().formatHex(RecordIds.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aZipNamesEachOfItsEntriesWhichIngestReadsAsDeliveriesOfTheirOwn() throws IOException {
        Path zip = dir.resolve("ipdr.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("day1/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("day1/sessions.csv"));
            out.write("msisdn,start\n919800000001,2026-11-24 10:00:00\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("nat.log"));
            out.write("nat line\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(DeliveryInbox.zipEntryHashes(zip))
                .containsExactly(sha256("msisdn,start\n919800000001,2026-11-24 10:00:00\n"), sha256("nat line\n"));
    }

    @Test
    void aPlainFileOrABrokenZipNamesNoEntries() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        Path broken = dir.resolve("broken.zip");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertThat(DeliveryInbox.zipEntryHashes(csv)).isEmpty();
        assertThat(DeliveryInbox.zipEntryHashes(broken)).isEmpty();
    }
}
