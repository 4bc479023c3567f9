package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.custody.DeliveryCustody;
import io.flowanalyzer.ingest.custody.DeliveryLedger;
import io.flowanalyzer.ingest.formats.BrokenDelivery;
import io.flowanalyzer.ingest.formats.DelimitedProfile;
import io.flowanalyzer.ingest.formats.DeliveryLines;
import io.flowanalyzer.ingest.formats.JsonReader;
import io.flowanalyzer.ingest.formats.LineResult;
import io.flowanalyzer.ingest.formats.LineSource;
import io.flowanalyzer.ingest.formats.RadiusDetailReader;
import io.flowanalyzer.ingest.formats.RecordReader;
import io.flowanalyzer.ingest.formats.SpreadsheetMlRows;
import io.flowanalyzer.ingest.formats.SyslogReader;
import io.flowanalyzer.ingest.formats.TextDeliveries;
import io.flowanalyzer.ingest.formats.UnreadableDelivery;
import io.flowanalyzer.ingest.formats.XlsxRows;
import io.flowanalyzer.ingest.formats.XmlReader;
import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.DeliveryPublisher;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one delivered file end to end: fingerprints it, finds its header row (below any banner) and
 * the format profile that reads it — the one named, or the best-fitting one detected from the header —
 * reads it line by line, publishes each line as a record or a reject, and closes with the custody
 * record whose counts add up (accepted + rejected = lines read). A file it cannot read is quarantined.
 */
public final class DeliveryIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryIntake.class);
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** How often (in lines) a delivery being read reports its counts, for the deliveries page. */
    static final int PROGRESS_EVERY = 50_000;

    private final DeliveryPublisher publisher;
    private final FormatProfiles profiles;
    private final Clock clock;
    private final Limits limits;
    private final DeliveryLedger ledger;

    /** How far a compressed delivery may expand, and how many files an archive may hold. */
    public record Limits(long maxExpandedBytes, int maxArchiveEntries) {
        public static final Limits DEFAULT = new Limits(50L << 30, 1000);
    }

    public DeliveryIntake(DeliveryPublisher publisher, FormatProfiles profiles, Clock clock) {
        this(publisher, profiles, clock, Limits.DEFAULT, null);
    }

    public DeliveryIntake(DeliveryPublisher publisher, FormatProfiles profiles, Clock clock, Limits limits) {
        this(publisher, profiles, clock, limits, null);
    }

    /** With a ledger, an identical re-delivery is recognised by its hash and not read again. */
    public DeliveryIntake(
            DeliveryPublisher publisher, FormatProfiles profiles, Clock clock, Limits limits, DeliveryLedger ledger) {
        this.publisher = publisher;
        this.profiles = profiles;
        this.clock = clock;
        this.limits = limits;
        this.ledger = ledger;
    }

    /** Opens the delivery's content afresh, as lines. */
    private interface Content {
        LineSource open() throws IOException;
    }

    /**
     * Reads whatever was delivered: a plain file, a gzip file (one delivery, read as a stream), a zip or 7z
     * archive (one delivery per file in it, named {@code archive.zip!/entry}) or a workbook (XLSX, XLS or
     * Excel 2003 XML: one delivery per sheet). The kind is told by
     * the file's first bytes, not its name. Custody covers the bytes as delivered: the .gz file itself,
     * or each archive entry.
     */
    public List<Outcome> readAll(Path file, Source source) throws IOException {
        byte[] magic = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 8);
        }
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return List.of(read(
                    () -> TextDeliveries.open(
                            limited(new GZIPInputStream(Files.newInputStream(file), 64 * 1024)),
                            source.fileName(),
                            MAX_LINE_BYTES),
                    DeliveryCustody.of(file),
                    source));
        }
        if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return readZip(file, source);
        }
        if (n >= 6 && java.util.Arrays.equals(magic, 0, 6, SEVEN_Z, 0, 6)) {
            return readSevenZ(file, source);
        }
        if (io.flowanalyzer.ingest.formats.XlsRows.isOle2(magic, n)) {
            return readWorkbook(
                    file,
                    source,
                    io.flowanalyzer.ingest.formats.XlsRows::sheetNames,
                    io.flowanalyzer.ingest.formats.XlsRows::new);
        }
        if (SpreadsheetMlRows.isOne(file)) {
            return readWorkbook(
                    file,
                    source,
                    SpreadsheetMlRows::sheetNames,
                    (f, sheet) -> new SpreadsheetMlRows(Files.newInputStream(f), source.fileName(), sheet));
        }
        return List.of(read(file, source));
    }

    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};

    /** One file inside an archive, opened afresh on demand (hashing, detection and reading each read it). */
    private record ArchiveEntry(String name, Opener opener) {}

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** Each file in a 7z archive is a delivery of its own, as in a zip; an encrypted one is quarantined with that reason. */
    private List<Outcome> readSevenZ(Path file, Source source) throws IOException {
        SevenZFile archive;
        List<ArchiveEntry> entries = new ArrayList<>();
        try {
            archive = SevenZFile.builder()
                    .setPath(file)
                    // a dictionary size cannot claim the heap: 256 MiB. commons-compress 1.28.0's builder takes
                    // this value in bytes despite the method's name (its own message reports 1024 = "1 KiB")
                    .setMaxMemoryLimitKb(256 * 1024 * 1024)
                    .get();
            for (SevenZArchiveEntry entry : archive.getEntries()) {
                if (!entry.isDirectory() && !entry.isAntiItem()) {
                    entries.add(new ArchiveEntry(entry.getName(), () -> archive.getInputStream(entry)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(quarantineWhole(file, source, "the 7z archive cannot be read (" + e.getMessage() + ")"));
        }
        try (archive) {
            // outside the catch above: a failure to publish must reach the feed, which keeps the file for a retry
            return readEntries(file, source, "7z", entries);
        }
    }

    private List<Outcome> readZip(Path file, Source source) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return readWorkbook(file, source, XlsxRows::sheetNames, XlsxRows::new);
            }
            List<ArchiveEntry> entries = zip.stream()
                    .filter(e -> !e.isDirectory())
                    .map(e -> new ArchiveEntry(e.getName(), () -> zip.getInputStream(e)))
                    .toList();
            return readEntries(file, source, "zip", entries);
        } catch (ZipException e) {
            return List.of(quarantineWhole(file, source, "the zip archive cannot be read (" + e.getMessage() + ")"));
        }
    }

    /**
     * The files of an archive, each a delivery named {@code archive!/entry}, with custody over its own
     * bytes; the entry names are labels only, never paths anything is written to.
     */
    private List<Outcome> readEntries(Path file, Source source, String kind, List<ArchiveEntry> entries)
            throws IOException {
        if (entries.size() > limits.maxArchiveEntries()) {
            return List.of(quarantineWhole(
                    file,
                    source,
                    "the " + kind + " archive holds " + entries.size() + " files, more than the limit of "
                            + limits.maxArchiveEntries()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ArchiveEntry entry : entries) {
            String name = entry.name().replace('\\', '/');
            Source inner = new Source(
                    source.isp(), source.feed(), source.fileName() + "!/" + name, source.profile(), source.zone());
            if (leavesItsFolder(name)) {
                // never written anywhere, but a name like this is an attack or a broken archive: say so
                outcomes.add(quarantine(
                        ref(inner, "detect", "0".repeat(64)),
                        new DeliveryCustody("0".repeat(64), 0),
                        now(),
                        null,
                        "the archive entry's name " + name + " would leave its folder; it was not read"));
                continue;
            }
            DeliveryCustody custody;
            try (InputStream in = limited(entry.opener().open())) {
                custody = DeliveryCustody.of(in);
            } catch (IOException e) {
                outcomes.add(quarantine(
                        ref(inner, "detect", "0".repeat(64)),
                        new DeliveryCustody("0".repeat(64), 0),
                        now(),
                        null,
                        "the archive entry " + name + " cannot be read: " + e.getMessage()));
                continue;
            }
            outcomes.add(read(
                    () -> TextDeliveries.open(limited(entry.opener().open()), inner.fileName(), MAX_LINE_BYTES),
                    custody,
                    inner));
        }
        if (outcomes.isEmpty()) {
            return List.of(quarantineWhole(file, source, "the " + kind + " archive holds no file"));
        }
        return outcomes;
    }

    /** An absolute name, a drive letter or a {@code ..} step: a name that points outside the archive's folder. */
    static boolean leavesItsFolder(String name) {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String step : name.split("/")) {
            if (step.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** How a kind of workbook names its sheets, and reads one of them. */
    private interface SheetNames {
        List<String> of(Path file) throws IOException;
    }

    private interface SheetReader {
        io.flowanalyzer.ingest.formats.LineSource open(Path file, int sheet) throws IOException;
    }

    /**
     * A workbook (XLSX, or legacy XLS): each sheet with content is a delivery of its own, named
     * {@code file.xlsx!/Sheet}.
     */
    private List<Outcome> readWorkbook(Path file, Source source, SheetNames names, SheetReader reader)
            throws IOException {
        List<String> sheets;
        try {
            sheets = names.of(file);
        } catch (IOException e) {
            return List.of(quarantineWhole(file, source, e.getMessage()));
        }
        DeliveryCustody custody = DeliveryCustody.of(file);
        List<Outcome> outcomes = new ArrayList<>();
        List<Outcome> empty = new ArrayList<>();
        for (int i = 0; i < sheets.size(); i++) {
            int index = i;
            Source sheet = new Source(
                    source.isp(),
                    source.feed(),
                    source.fileName() + "!/" + sheets.get(i),
                    source.profile(),
                    source.zone(),
                    sheets.get(i));
            Outcome outcome = read(() -> reader.open(file, index), custody, sheet);
            (EMPTY.equals(outcome.delivery().reason()) ? empty : outcomes).add(outcome);
        }
        // an empty second sheet is how spreadsheets come; only a workbook with nothing at all is reported empty
        return outcomes.isEmpty()
                ? List.of(quarantineWhole(file, source, "the workbook has no rows in any sheet"))
                : outcomes;
    }

    private static final String EMPTY = "the file is empty";

    private Outcome quarantineWhole(Path file, Source source, String reason) throws IOException {
        DeliveryCustody custody = DeliveryCustody.of(file);
        return quarantine(ref(source, "detect", custody.sha256()), custody, now(), null, reason);
    }

    private static DeliveryRef ref(Source source, String profile, String sha256) {
        return DeliveryRef.ofPart(source.isp(), source.feed(), profile, source.fileName(), sha256, source.part());
    }

    /** Stops a decompressing stream at the expansion limit: a small archive must not fill the machine. */
    private InputStream limited(InputStream in) {
        long max = limits.maxExpandedBytes();
        return new java.io.FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++count > max) {
                    throw new IOException("the content expands beyond the limit of " + max + " bytes");
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0 && (count += n) > max) {
                    throw new IOException("the content expands beyond the limit of " + max + " bytes");
                }
                return n;
            }
        };
    }

    /** What became of a delivery. */
    public record Outcome(Delivery delivery) {
        public boolean quarantined() {
            return Delivery.QUARANTINED.equals(delivery.status());
        }
    }

    /** Where a delivery comes from and how to read it: a named profile or none (detect), and the feed's zone if it has one. */
    public record Source(String isp, String feed, String fileName, String profile, ZoneId zone, String part) {
        public Source(String isp, String feed, String fileName, String profile, ZoneId zone) {
            this(isp, feed, fileName, profile, zone, null);
        }
    }

    /** Reads one plain (uncompressed) file. */
    public Outcome read(Path file, Source source) throws IOException {
        return read(
                () -> TextDeliveries.open(Files.newInputStream(file), source.fileName(), MAX_LINE_BYTES),
                DeliveryCustody.of(file),
                source);
    }

    private Outcome read(Content content, DeliveryCustody custody, Source source) throws IOException {
        Instant receivedAt = now();
        if (ledger != null) {
            Optional<Delivery> earlier =
                    ledger.find(ref(source, "detect", custody.sha256()).id());
            if (earlier.isPresent()) {
                return duplicate(earlier.get(), source, receivedAt);
            }
        }
        String profileName = source.profile() == null ? "detect" : source.profile();
        DeliveryRef ref = ref(source, profileName, custody.sha256());
        Collection<FormatProfile> candidates;
        if (source.profile() == null) {
            candidates = profiles.all();
        } else {
            Optional<FormatProfile> named = profiles.find(source.profile());
            if (named.isEmpty()) {
                return quarantine(
                        ref,
                        custody,
                        receivedAt,
                        null,
                        "there is no format profile named '" + source.profile() + "' (known: "
                                + String.join(", ", profiles.names()) + ")");
            }
            candidates = List.of(named.get());
        }
        // a workbook sheet (source.part) is rows and columns: not worth a second parse to rule out syslog
        Optional<Detected> headerless = candidates.stream().allMatch(FormatProfile::delimited)
                ? Optional.empty()
                : source.profile() != null
                        ? Optional.of(new Detected(candidates.iterator().next(), 1.0))
                        : source.part() != null ? Optional.empty() : detectHeaderless(content, candidates);
        if (headerless.isPresent()) {
            FormatProfile profile = headerless.get().profile();
            DeliveryRef recordsRef = ref(source, profile.name(), custody.sha256());
            ZoneId zone = zoneFor(source, profile);
            RecordReader reader;
            try {
                reader = switch (profile.kind()) {
                    case FormatProfile.SYSLOG -> new SyslogReader(profile, recordsRef, zone, receivedAt);
                    case FormatProfile.RADIUS_DETAIL -> new RadiusDetailReader(profile, recordsRef, zone);
                    case FormatProfile.XML -> XmlReader.of(profile, recordsRef, zone);
                    default -> JsonReader.of(profile, recordsRef, zone);
                };
            } catch (UnreadableDelivery e) {
                return quarantine(recordsRef, custody, receivedAt, null, e.getMessage());
            }
            Progress progress = new Progress(
                    recordsRef,
                    custody,
                    receivedAt,
                    profile,
                    source.profile() == null,
                    headerless.get().score(),
                    0);
            Tally tally = new Tally();
            String broken;
            try (LineSource delivery = content.open()) {
                broken = pump(delivery, reader, recordsRef, progress, tally);
            } catch (IOException e) {
                return quarantine(recordsRef, custody, receivedAt, null, e.getMessage());
            }
            return complete(
                    source,
                    recordsRef,
                    custody,
                    receivedAt,
                    profile,
                    headerless.get().score(),
                    0,
                    tally,
                    broken);
        }
        candidates = candidates.stream().filter(FormatProfile::delimited).toList();
        int searchLines = candidates.stream()
                .mapToInt(FormatProfile::headerSearchLines)
                .max()
                .orElse(1);

        long preamble = 0;
        Tally tally = new Tally();
        DelimitedProfile reader = null;
        DelimitedProfile.HeaderMatch match = null;
        String broken = null;
        try (LineSource delivery = content.open()) {
            DeliveryLines.Line line;
            String firstLine = null;
            while (match == null && (line = delivery.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (firstLine == null) {
                    firstLine = line.text();
                }
                long position = preamble + 1;
                match = bestMatch(candidates, line, position);
                if (match == null) {
                    preamble++;
                    if (preamble >= searchLines) {
                        break;
                    }
                }
            }
            if (firstLine == null) {
                if (source.part() != null) {
                    // an empty sheet of a workbook: nothing to keep, nothing to publish (see readWorkbook)
                    return new Outcome(new Delivery(
                            receivedAt,
                            ref.id(),
                            source.isp(),
                            source.feed(),
                            ref.profile(),
                            null,
                            null,
                            null,
                            source.fileName(),
                            custody.sha256(),
                            custody.size(),
                            now(),
                            0,
                            0,
                            0,
                            0,
                            Delivery.QUARANTINED,
                            EMPTY));
                }
                return quarantine(ref, custody, receivedAt, null, EMPTY);
            }
            if (match == null) {
                return quarantine(
                        ref, custody, receivedAt, null, noHeader(candidates, source.profile() == null, firstLine));
            }
            FormatProfile profile = match.profile();
            ref = ref(source, profile.name(), custody.sha256());
            reader = match.reader(ref, zoneFor(source, profile));
            Progress progress =
                    new Progress(ref, custody, receivedAt, profile, source.profile() == null, match.score(), preamble);
            broken = pump(delivery, reader, ref, progress, tally);
        } catch (UnreadableDelivery e) {
            return quarantine(ref, custody, receivedAt, null, e.getMessage());
        } catch (IOException e) {
            broken = brokenReason(e);
            if (reader == null) {
                return quarantine(ref, custody, receivedAt, null, broken);
            }
        }
        return complete(source, ref, custody, receivedAt, reader.profile(), match.score(), preamble, tally, broken);
    }

    /** The counts of a delivery being read: records read (lines, or blocks of a block format), accepted, rejected. */
    private static final class Tally {
        long lines;
        long accepted;
        long rejected;
    }

    private record Detected(FormatProfile profile, double score) {}

    /** How many non-blank lines from the top are sampled to recognise a format without a header row. */
    static final int DETECT_SAMPLE_LINES = 20;

    /**
     * The headerless format (JSON, XML, syslog, RADIUS detail) most of the first lines belong to, by each
     * profile's {@code detect} expression; empty when none claims at least half of them (then a header
     * is sought).
     */
    private Optional<Detected> detectHeaderless(Content content, Collection<FormatProfile> candidates)
            throws IOException {
        List<FormatProfile> eventFormats =
                candidates.stream().filter(p -> !p.delimited()).toList();
        int[] hits = new int[eventFormats.size()];
        List<java.util.regex.Pattern> detectors = eventFormats.stream()
                .map(p -> java.util.regex.Pattern.compile(p.detect()))
                .toList();
        int sampled = 0;
        String first = "";
        try (LineSource delivery = content.open()) {
            DeliveryLines.Line line;
            while (sampled < DETECT_SAMPLE_LINES && (line = delivery.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (sampled == 0) {
                    first = line.text().replace("\uFEFF", "").strip();
                }
                sampled++;
                for (int i = 0; i < detectors.size(); i++) {
                    if (detectors.get(i).matcher(line.text()).find()) {
                        hits[i]++;
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // the reading proper reports it
        }
        Detected best = null;
        for (int i = 0; i < hits.length; i++) {
            double share = sampled == 0 ? 0 : (double) hits[i] / sampled;
            // JSON and XML written over several lines hold a key once per record, not once per line: a
            // document of that shape with the profile's key anywhere in its first lines is this profile's,
            // the surer the more lines have it
            String kind = eventFormats.get(i).kind();
            boolean document = FormatProfile.JSON.equals(kind) || FormatProfile.XML.equals(kind);
            boolean shaped = FormatProfile.JSON.equals(kind)
                    ? first.startsWith("{") || first.startsWith("[")
                    : first.startsWith("<");
            double score = !document ? share : shaped && hits[i] > 0 ? 0.5 + share / 2 : 0;
            if (score >= 0.5 && (best == null || score > best.score())) {
                best = new Detected(eventFormats.get(i), score);
            }
        }
        return Optional.ofNullable(best);
    }

    private static ZoneId zoneFor(Source source, FormatProfile profile) {
        return source.zone() != null
                ? source.zone()
                : profile.timeZone() != null ? ZoneId.of(profile.timeZone()) : ZoneOffset.UTC;
    }

    private static String brokenReason(IOException e) {
        // truncated compressed data, an expansion beyond the limit: keep what was read, say why it stopped
        return (e instanceof java.io.EOFException
                        ? "the compressed data ends too early (a truncated file)"
                        : e.getMessage())
                + "; the lines before that point were read";
    }

    /**
     * Reads every remaining line through the reader and publishes what it makes; returns null when the
     * delivery was read to its end, else why it stopped (what was read before stays published and counted).
     */
    private String pump(LineSource delivery, RecordReader reader, DeliveryRef ref, Progress progress, Tally tally) {
        RecordReader.Results results = (unit, result) -> {
            tally.lines++;
            if (result instanceof LineResult.Accepted ok) {
                publisher.record(ok.record());
                tally.accepted++;
            } else if (result instanceof LineResult.Binding binding) {
                publisher.binding(binding.binding());
                tally.accepted++;
            } else if (result instanceof LineResult.Refused refused) {
                publisher.reject(
                        Reject.of(now(), ref, unit.number(), unit.offsetOrNull(), refused.reason(), unit.text()));
                tally.rejected++;
            }
            if (tally.lines % PROGRESS_EVERY == 0) {
                progress.publish(tally.lines, tally.accepted, tally.rejected);
            }
        };
        progress.publish(0, 0, 0);
        try {
            DeliveryLines.Line line;
            while ((line = delivery.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.truncated()) {
                    results.add(line, LineResult.refused("the line is longer than " + MAX_LINE_BYTES + " bytes"));
                } else {
                    reader.read(line, results);
                }
            }
            reader.finish(results);
            return null;
        } catch (BrokenDelivery e) {
            return e.getMessage();
        } catch (IOException e) {
            try {
                reader.finish(results);
            } catch (BrokenDelivery alsoBroken) {
                // the stream's own failure is the reason to report
            }
            return brokenReason(e);
        }
    }

    /** Closes a delivery that was read: its custody record, the counts that add up, the ledger entry. */
    private Outcome complete(
            Source source,
            DeliveryRef ref,
            DeliveryCustody custody,
            Instant receivedAt,
            FormatProfile profile,
            double score,
            long preamble,
            Tally tally,
            String broken)
            throws IOException {
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                source.isp(),
                source.feed(),
                profile.name(),
                profile.version(),
                source.profile() == null,
                source.profile() == null ? Math.round(score * 100) / 100.0 : null,
                source.fileName(),
                custody.sha256(),
                custody.size(),
                now(),
                preamble,
                tally.lines,
                tally.accepted,
                tally.rejected,
                broken == null ? Delivery.COMPLETE : Delivery.QUARANTINED,
                broken);
        publisher.custody(delivery);
        publisher.flush();
        if (ledger != null && broken == null) {
            ledger.remember(delivery);
        }
        LOG.info(
                "Delivery {} from {} ({}, {}, sha256 {}): {} lines, {} accepted, {} rejected",
                ref.id(),
                source.isp(),
                source.fileName(),
                profile.tag(),
                custody.sha256(),
                tally.lines,
                tally.accepted,
                tally.rejected);
        return new Outcome(delivery);
    }

    /** The best-fitting profile for a header candidate, or null; profiles that allow a banner this long only. */
    private static DelimitedProfile.HeaderMatch bestMatch(
            Collection<FormatProfile> candidates, DeliveryLines.Line line, long position) throws UnreadableDelivery {
        DelimitedProfile.HeaderMatch best = null;
        UnreadableDelivery ambiguous = null;
        for (FormatProfile profile : candidates) {
            if (profile.headerSearchLines() < position) {
                continue;
            }
            try {
                Optional<DelimitedProfile.HeaderMatch> m = line.cells() != null
                        ? DelimitedProfile.match(profile, line.cells())
                        : DelimitedProfile.match(profile, line.text());
                if (m.isPresent() && (best == null || m.get().score() > best.score())) {
                    best = m.get();
                }
            } catch (UnreadableDelivery e) {
                ambiguous = e;
            } catch (RuntimeException notAHeader) {
                // a banner line commons-csv cannot even split
            }
        }
        if (best == null && ambiguous != null) {
            throw ambiguous;
        }
        return best;
    }

    private static String noHeader(Collection<FormatProfile> candidates, boolean detecting, String firstLine) {
        String first = firstLine.length() > 160 ? firstLine.substring(0, 160) + "…" : firstLine;
        if (!detecting) {
            FormatProfile p = candidates.iterator().next();
            String where = p.headerSearchLines() == 1
                    ? "the first line is not"
                    : "none of the first " + p.headerSearchLines() + " lines is";
            return where + " a " + p.name() + " header naming " + DelimitedProfile.requiredInWords(p)
                    + " (the first line reads: " + first + ")";
        }
        return "no known format profile recognises a header in this file (the first line reads: " + first + ")";
    }

    /** Publishes the custody record of a delivery still being read, with its counts so far. */
    private final class Progress {
        private final DeliveryRef ref;
        private final DeliveryCustody custody;
        private final Instant receivedAt;
        private final FormatProfile profile;
        private final boolean detected;
        private final double score;
        private final long preamble;

        Progress(
                DeliveryRef ref,
                DeliveryCustody custody,
                Instant receivedAt,
                FormatProfile profile,
                boolean detected,
                double score,
                long preamble) {
            this.ref = ref;
            this.custody = custody;
            this.receivedAt = receivedAt;
            this.profile = profile;
            this.detected = detected;
            this.score = score;
            this.preamble = preamble;
        }

        void publish(long lines, long accepted, long rejected) {
            publisher.custody(new Delivery(
                    receivedAt,
                    ref.id(),
                    ref.isp(),
                    ref.feed(),
                    profile.name(),
                    profile.version(),
                    detected,
                    detected ? Math.round(score * 100) / 100.0 : null,
                    ref.fileName(),
                    custody.sha256(),
                    custody.size(),
                    null,
                    preamble,
                    lines,
                    accepted,
                    rejected,
                    Delivery.READING,
                    null));
        }
    }

    /** The same bytes from the same ISP again: say so, read nothing, and leave the first custody record as it is. */
    private Outcome duplicate(Delivery earlier, Source source, Instant receivedAt) {
        String reason = "the same file (sha256 " + earlier.sha256() + ") was delivered before as " + earlier.fileName()
                + " and read on " + earlier.finishedAt() + "; it was not read again";
        LOG.info(
                "Delivery {} from {} ({}) is a re-delivery: {}", earlier.id(), source.isp(), source.fileName(), reason);
        return new Outcome(new Delivery(
                receivedAt,
                earlier.id(),
                source.isp(),
                source.feed(),
                earlier.profile(),
                earlier.profileVersion(),
                earlier.profileDetected(),
                earlier.profileConfidence(),
                source.fileName(),
                earlier.sha256(),
                earlier.size(),
                now(),
                0,
                0,
                0,
                0,
                Delivery.DUPLICATE,
                reason));
    }

    private Outcome quarantine(
            DeliveryRef ref, DeliveryCustody custody, Instant receivedAt, String profile, String reason) {
        publisher.reject(Reject.of(now(), ref, 0, null, "the file was quarantined: " + reason, null));
        Delivery delivery = new Delivery(
                receivedAt,
                ref.id(),
                ref.isp(),
                ref.feed(),
                profile == null ? ref.profile() : profile,
                null,
                null,
                null,
                ref.fileName(),
                custody.sha256(),
                custody.size(),
                now(),
                0,
                0,
                0,
                0,
                Delivery.QUARANTINED,
                reason);
        publisher.custody(delivery);
        publisher.flush();
        LOG.warn("Delivery {} from {} ({}) quarantined: {}", ref.id(), ref.isp(), ref.fileName(), reason);
        return new Outcome(delivery);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
