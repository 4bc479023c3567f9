package io.flowanalyzer.ingest.reference;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reference feed: files dropped in the reference folder are read ({@link ReferenceFile}) and
 * their entries published to {@code ipdr.reference}, where the correlator picks them up while it runs.
 * A file replaces the previous file of the same name: entries it no longer holds are removed
 * (tombstones). Bad lines go to {@code ipdr.rejects}; a file that is not reference data is quarantined.
 * What each file did is written beside it as a receipt ({@code loaded/<name>.json}).
 */
@Component
public class ReferenceRoute extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceRoute.class);
    static final String FEED = "reference";

    /** What a reference file did, kept beside it and printed by operators' tools. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Receipt(
            String file,
            String sha256,
            String kind,
            long linesRead,
            long accepted,
            long rejected,
            long removed,
            Instant loadedAt,
            String problem) {}

    private final IngestProperties.Reference settings;
    private final DeliveryPublisher publisher;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public ReferenceRoute(IngestProperties properties, DeliveryPublisher publisher) {
        this(properties.reference(), publisher, Clock.systemUTC());
    }

    ReferenceRoute(IngestProperties.Reference settings, DeliveryPublisher publisher, Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void configure() throws IOException {
        Path dir = settings.directory().toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("loaded"));
        Files.createDirectories(dir.resolve("quarantine"));
        errorHandler(io.flowanalyzer.ingest.feeds.InboxRoute.retrying(defaultErrorHandler()));
        // not recursive: loaded/ and quarantine/ below it are the feed's own
        fromF(
                        "file:%s?antExclude=.*&readLock=changed&readLockCheckInterval=500&readLockMinAge=500&delay=1000&noop=true"
                                + "&idempotent=false&sortBy=file:modified",
                        dir)
                .routeId("reference-files")
                .process(exchange -> load(exchange, dir));
    }

    private void load(Exchange exchange, Path dir) throws IOException {
        GenericFile<?> genericFile = exchange.getIn().getBody(GenericFile.class);
        Receipt receipt = load(((File) genericFile.getFile()).toPath(), dir);
        LOG.info(
                "Reference file {}: {} {} entries, {} lines rejected, {} entries removed{}",
                receipt.file(),
                receipt.accepted(),
                receipt.kind() == null ? "" : receipt.kind(),
                receipt.rejected(),
                receipt.removed(),
                receipt.problem() == null ? "" : " (" + receipt.problem() + ")");
    }

    /**
     * Publishes one file's entries, removes what the previous file of its name held and this one does
     * not, and moves it to {@code loaded/} (or {@code quarantine/}); if Kafka fails the file stays and is
     * read again (keys make that harmless).
     */
    Receipt load(Path file, Path dir) throws IOException {
        String name = safeName(file.getFileName().toString());
        MessageDigest sha = RecordIds.sha256();
        ReferenceFile.Result result;
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader in = new BufferedReader(new InputStreamReader(
                        new DigestInputStream(raw, sha),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            result = new ReferenceFile(settings.timeZone(), settings.msisdnCountryCode()).read(name, in);
            in.transferTo(java.io.Writer.nullWriter()); // the hash covers the whole file
        }
        String sha256 = HexFormat.of().formatHex(sha.digest());
        DeliveryRef ref = DeliveryRef.of(
                FEED, FEED, "reference-" + (result.kind() == null ? "unknown" : result.kind()), name, sha256);
        Instant now = clock.instant();
        for (ReferenceFile.Problem p : result.rejects()) {
            publisher.reject(Reject.of(now, ref, p.line(), null, p.reason(), p.raw()));
        }
        Path loaded = dir.resolve("loaded");
        if (result.kind() == null) {
            publisher.flush();
            Receipt receipt = new Receipt(
                    name, sha256, null, 0, 0, 0, 0, now, result.rejects().get(0).reason());
            writeReceipt(dir.resolve("quarantine"), name, receipt);
            Files.move(file, dir.resolve("quarantine").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return receipt;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (ReferenceEntry e : result.entries()) {
            publisher.reference(e);
            keys.add(e.key());
        }
        Path keysFile = loaded.resolve("." + name + ".keys");
        Set<String> previous = Files.exists(keysFile)
                ? new LinkedHashSet<>(Files.readAllLines(keysFile, StandardCharsets.UTF_8))
                : Set.of();
        long removed = 0;
        for (String key : previous) {
            if (!key.isEmpty() && !keys.contains(key)) {
                publisher.referenceRemoved(key);
                removed++;
            }
        }
        publisher.flush(); // throws when Kafka did not take it all: the file stays and is read again
        Files.write(keysFile, keys, StandardCharsets.UTF_8);
        Receipt receipt = new Receipt(
                name,
                sha256,
                result.kind(),
                result.linesRead(),
                result.entries().size(),
                result.rejects().size(),
                removed,
                now,
                null);
        writeReceipt(loaded, name, receipt);
        Files.move(file, loaded.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return receipt;
    }

    private static void writeReceipt(Path folder, String name, Receipt receipt) throws IOException {
        Path tmp = folder.resolve("." + name + ".json.tmp");
        Files.write(
                tmp,
                RecordJson.mapper()
                        .writer()
                        .with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(receipt));
        Files.move(
                tmp,
                folder.resolve(name + ".json"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file name from outside, made safe to use inside our folders. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
