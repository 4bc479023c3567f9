package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Reject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture delivery, damaged the ways files get damaged on their way from an ISP (cut short, bytes
 * flipped, lines lost or doubled, control characters, a line with no end, other line endings and byte-order
 * marks, compressed and then cut), read with and without a profile: nothing may escape as an exception or
 * hang, and every delivery must account for each line it read (accepted + rejected = lines; what was
 * published is exactly that) or be quarantined with a reason in words. The damage is seeded, so a failure
 * reproduces.
 */
class HostileDeliveriesTest {
    private static final List<String> FIXTURES = List.of(
            "semicolon-ist.csv",
            "jio-dot-ipdr.csv",
            "vi-underscore-ipdr.txt",
            "ip-lookup.csv",
            "excel-2003.xls",
            "generic-array.json",
            "ipdr-docsis.xml",
            "ipdr-broken.xml",
            "ipdr-ndmu.xml",
            "asa-nat.log",
            "juniper-cgnat.log",
            "srx-rtflow.log",
            "h3c-userlog-nat.log",
            "h3c-comware-nat.log",
            "fortigate-traffic.log",
            "conntrack-events.log",
            "radius-detail.log",
            "radacct.csv",
            "nfdump-1.6.csv",
            "zeek-conn.log",
            "zeek-conn.json",
            "suricata-eve.json",
            "cgnat-nat-events.ipfix");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyDamagedDeliveryIsAccountedForOrQuarantined() {
        return FIXTURES.stream().flatMap(name -> {
            byte[] original;
            try {
                original = Files.readAllBytes(Fixtures.delivery(name));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Random random = new Random(name.hashCode());
            List<DynamicTest> tests = new ArrayList<>();
            for (Damage damage : damages(random)) {
                byte[] damaged = damage.apply().apply(original);
                for (String profile : new String[] {null, "generic-csv"}) {
                    String file = damage.name() + "-" + name + damage.suffix();
                    tests.add(DynamicTest.dynamicTest(
                            name + ", " + damage.name() + ", profile " + (profile == null ? "detected" : profile),
                            () -> assertAccountedFor(file, damaged, profile)));
                }
            }
            return tests.stream();
        });
    }

    private record Damage(String name, String suffix, UnaryOperator<byte[]> apply) {}

    private static List<Damage> damages(Random random) {
        int a = random.nextInt(1 << 16);
        int b = random.nextInt(1 << 16);
        int c = random.nextInt(1 << 16);
        long seed = random.nextLong();
        return List.of(
                new Damage("cut-early", "", bytes -> Arrays.copyOf(bytes, at(bytes, a) / 4)),
                new Damage("cut-midway", "", bytes -> Arrays.copyOf(bytes, at(bytes, b))),
                new Damage("bytes-flipped", "", bytes -> flip(bytes, new Random(seed), 12)),
                new Damage("span-lost", "", bytes -> without(bytes, at(bytes, a), 1 + at(bytes, c) / 3)),
                new Damage("span-doubled", "", bytes -> doubled(bytes, at(bytes, b), 1 + at(bytes, c) / 3)),
                new Damage("control-characters", "", bytes -> inserted(bytes, at(bytes, c), "\0\u0007\u001b[2J\0")),
                new Damage("endless-line", "", bytes -> inserted(bytes, at(bytes, a), "x".repeat(1_100_000))),
                new Damage("cr-line-ends", "", bytes -> replaced(bytes, "\r")),
                new Damage("crlf-line-ends", "", bytes -> replaced(bytes, "\r\n")),
                new Damage("utf8-bom", "", bytes -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes)),
                new Damage("utf16-bom-on-utf8", "", bytes -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes)),
                new Damage("latin1", "", bytes -> inserted(bytes, at(bytes, b), "Jos\u00e9 M\u00fcller \u00a0")),
                new Damage("noise", "", bytes -> noise(new Random(seed), 4096)),
                new Damage("gzip-cut", ".gz", bytes -> {
                    byte[] gz = gzip(bytes);
                    return Arrays.copyOf(gz, Math.max(10, gz.length * 2 / 3));
                }),
                new Damage("zip-of-damaged", ".zip", bytes -> zip(flip(bytes, new Random(seed), 4))),
                new Damage("zip-cut", ".zip", bytes -> {
                    byte[] zip = zip(bytes);
                    return Arrays.copyOf(zip, zip.length / 2);
                }));
    }

    private void assertAccountedFor(String file, byte[] content, String profile) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Path path = dir.resolve(file);
            Files.write(path, content);
            CollectingPublisher out = new CollectingPublisher();
            List<DeliveryIntake.Outcome> outcomes = new DeliveryIntake(out, FormatProfiles.builtIn(), Fixtures.CLOCK)
                    .readAll(path, new DeliveryIntake.Source("isp", "inbox", file, profile, null));

            assertThat(outcomes).isNotEmpty();
            long accepted = 0;
            long rejected = 0;
            for (DeliveryIntake.Outcome outcome : outcomes) {
                Delivery d = outcome.delivery();
                assertThat(d.status()).isIn(Delivery.COMPLETE, Delivery.QUARANTINED);
                assertThat(d.accepted() + d.rejected())
                        .as("accepted + rejected of %s", d.fileName())
                        .isEqualTo(d.lines());
                if (outcome.quarantined()) {
                    assertThat(d.reason()).isNotBlank();
                    assertSentence(d.reason());
                }
                accepted += d.accepted();
                rejected += d.rejected();
            }
            assertThat((long) out.records.size() + out.bindings.size())
                    .as("records published")
                    .isEqualTo(accepted);
            // a file quarantined before any line was read is reported by one reject of line 0 besides its custody
            List<Reject> lineRejects =
                    out.rejects.stream().filter(r -> r.line() > 0).toList();
            assertThat((long) lineRejects.size()).as("rejects published").isEqualTo(rejected);
            for (Reject reject : out.rejects) {
                assertThat(reject.reason()).isNotBlank();
                assertSentence(reject.reason());
                if (reject.line() == 0) {
                    assertThat(reject.reason()).startsWith("the file was quarantined: ");
                } else {
                    assertThat(reject.line()).isPositive();
                    assertThat(reject.raw()).isNotNull();
                }
            }
            assertThat(out.rejects.size() - lineRejects.size()).isLessThanOrEqualTo((int) outcomes.stream()
                    .filter(DeliveryIntake.Outcome::quarantined)
                    .count());
        });
    }

    /** What a user reads: words, not a Java exception's class name or a stack frame. */
    private static void assertSentence(String reason) {
        assertThat(reason).doesNotContainPattern("(java|javax|org|com)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)");
        assertThat(reason).doesNotContain("\tat ").doesNotContain("NullPointer");
    }

    private static int at(byte[] bytes, int seed) {
        return bytes.length == 0 ? 0 : seed % bytes.length;
    }

    private static byte[] flip(byte[] bytes, Random random, int count) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < count && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] without(byte[] bytes, int from, int length) {
        int to = Math.min(bytes.length, from + length);
        return concat(Arrays.copyOf(bytes, from), Arrays.copyOfRange(bytes, to, bytes.length));
    }

    private static byte[] doubled(byte[] bytes, int from, int length) {
        int to = Math.min(bytes.length, from + length);
        return concat(
                Arrays.copyOf(bytes, to),
                Arrays.copyOfRange(bytes, from, to),
                Arrays.copyOfRange(bytes, to, bytes.length));
    }

    private static byte[] inserted(byte[] bytes, int at, String text) {
        byte[] insert = text.startsWith("Jos")
                ? text.getBytes(StandardCharsets.ISO_8859_1)
                : text.getBytes(StandardCharsets.UTF_8);
        return concat(Arrays.copyOf(bytes, at), insert, Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private static byte[] replaced(byte[] bytes, String lineEnd) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        return text.replace("\n", lineEnd).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] noise(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("delivery/part-1.txt"));
            zip.write(bytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
