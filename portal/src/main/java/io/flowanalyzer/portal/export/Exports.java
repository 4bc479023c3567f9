package io.flowanalyzer.portal.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.cases.ActiveCase;
import io.flowanalyzer.portal.cases.CaseFile;
import io.flowanalyzer.portal.graph.Grouping;
import io.flowanalyzer.portal.graph.PartyGraph;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.privacy.Masker;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import io.flowanalyzer.portal.search.SearchUnavailable;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Exports every session a search matches to a CSV file, in the background: the search is read
 * through one point in time (a consistent snapshot, however many records arrive meanwhile) page by
 * page with search_after, so there is no 10,000 cap; the total is known first and a search over the
 * configured limit is refused, never cut short; the file's SHA-256 is computed as it is written and
 * it is only published once the records written equal the total.
 */
@Service
public class Exports {
    private static final Logger LOG = LoggerFactory.getLogger(Exports.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final ElasticsearchClient client;
    private final SessionQueries queries;
    private final ExportProperties properties;
    private final Path directory;
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "export");
        t.setDaemon(true);
        return t;
    });

    private final io.flowanalyzer.portal.audit.AuditTrail audit;
    private final IdentifierMasking masking;
    private final ActiveCase cases;

    private final io.flowanalyzer.portal.search.SessionSearch sessions;
    private final PartyGraph graphs;

    public Exports(
            ElasticsearchClient client,
            io.flowanalyzer.portal.search.SessionSearch sessions,
            PartyGraph graphs,
            SessionQueries queries,
            ExportProperties properties,
            io.flowanalyzer.portal.audit.AuditTrail audit,
            IdentifierMasking masking,
            ActiveCase cases)
            throws IOException {
        this.masking = masking;
        this.cases = cases;
        this.audit = audit;
        this.sessions = sessions;
        this.graphs = graphs;
        this.client = client;
        this.queries = queries;
        this.properties = properties;
        this.directory = Path.of(properties.directory()).toAbsolutePath().normalize();
        Files.createDirectories(directory);
    }

    /** Starts exporting the sessions {@code q} matches (every page of it) for {@code owner}. */
    public ExportJob start(SessionQuery q, String owner) {
        Query query = queries.build(q); // a search that cannot run is refused now, in a sentence
        // the case and what the user may see in it are fixed now, on the request: the file is written later
        String caseNumber = ActiveCase.current().map(CaseFile::number).orElse(null);
        Masker masker = masking.current();
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        ExportJob job = running(
                id,
                owner,
                "csv",
                q,
                "sessions-" + STAMP.format(now) + "-" + id.substring(0, 8) + ".csv",
                now,
                caseNumber,
                "CSV of ",
                Map.of("format", "csv"));
        workers.submit(() -> run(id, query, masker, null));
        return job;
    }

    /**
     * A job just started — nothing written yet, its file in the exports folder under its id — kept
     * among the jobs and recorded in the audit trail ({@code what} + the search, with {@code detail}).
     */
    private ExportJob running(
            String id,
            String owner,
            String format,
            SessionQuery q,
            String fileName,
            Instant now,
            String caseNumber,
            String what,
            Map<String, String> detail) {
        ExportJob job = new ExportJob(
                id,
                owner,
                format,
                q.url("/search"),
                ExportJob.Status.RUNNING,
                0,
                0,
                fileName,
                null,
                null,
                null,
                now,
                null,
                caseNumber,
                directory.resolve(id + "." + format));
        jobs.put(id, job);
        Map<String, String> d = new java.util.LinkedHashMap<>(detail);
        d.put("search", job.search());
        audit.record(owner, "export", "started", id, what + job.search(), d);
        return job;
    }

    /** What an evidence package adds to its CSV: the case report made at once, and the certificate's facts. */
    private record Bundle(ExportJob report, EvidencePackage.Facts facts) {}

    /**
     * Starts an evidence package of {@code q}: the case report is made now, the CSV of every record in
     * the background; then the certificate, SHA256SUMS and the manifest are added and all is zipped.
     * Only in a case: the certificate names the case and its authority.
     */
    public ExportJob evidence(SessionQuery q, String owner) {
        CaseFile inCase = ActiveCase.current()
                .orElseThrow(() -> new InvalidSearch("An evidence package is made in a case; choose one first."));
        Query query = queries.build(q);
        Masker masker = masking.current();
        ExportJob report = report(q, owner);
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        ExportJob job = running(
                id,
                owner,
                "zip",
                q,
                "evidence-" + inCase.number() + "-" + STAMP.format(now) + "-" + id.substring(0, 8) + ".zip",
                now,
                inCase.number(),
                "evidence package of ",
                Map.of("format", "package", "report", report.id()));
        EvidencePackage.Facts facts = new EvidencePackage.Facts(
                inCase.number(),
                inCase.title(),
                inCase.authority().describe(),
                inCase.authority().purpose(),
                owner,
                now,
                describe(q),
                0,
                masker.active() ? masker.reason() : null);
        workers.submit(() -> run(id, query, masker, new Bundle(report, facts)));
        return job;
    }

    /** The search in words: query, time range and chips. */
    private static String describe(SessionQuery q) {
        String query = q.q() == null || q.q().isBlank() ? "every session" : q.q();
        String range = (q.from() == null || q.from().isBlank() ? "the beginning" : q.from()) + " to "
                + (q.to() == null || q.to().isBlank() ? "now" : q.to());
        List<String> chips = q.filters().stream()
                .map(io.flowanalyzer.portal.search.Filter::label)
                .toList();
        return query + ", " + range + (chips.isEmpty() ? "" : ", filters: " + String.join("; ", chips));
    }

    /** A CSV export ({@code csv}) or a PDF case report ({@code pdf}, with the case and its authority). */
    public ExportJob begin(String format, SessionQuery q, String owner) {
        return switch (format == null ? "csv" : format) {
            case "csv" -> start(q, owner);
            case "pdf" -> report(q, owner);
            case "package" -> evidence(q, owner);
            default -> throw new InvalidSearch("An export is csv, pdf or package.");
        };
    }

    /** Records shown in a case report's table; every record is in the CSV export. */
    static final int REPORT_RECORDS = 200;
    /** Deliveries listed in a case report. */
    static final int REPORT_DELIVERIES = 500;

    /**
     * Makes the PDF case report of {@code q} at once (it reads a bounded amount: the counts, charts, the
     * first records and the deliveries) and keeps it like an export, with its SHA-256.
     */
    public ExportJob report(SessionQuery q, String owner) {
        CaseFile inCase = ActiveCase.current().orElse(null);
        String caseNumber = inCase == null ? null : inCase.number();
        String caseReference = inCase == null ? null : inCase.number() + " — " + inCase.title();
        String authority = inCase == null
                ? null
                : inCase.authority().describe() + ". Purpose: "
                        + inCase.authority().purpose();
        Masker masker = masking.current();
        SessionQuery first = new SessionQuery(
                q.q(),
                q.from(),
                q.to(),
                q.filters(),
                io.flowanalyzer.portal.search.Column.START,
                false,
                0,
                REPORT_RECORDS,
                q.columns());
        io.flowanalyzer.portal.search.SessionResults results =
                sessions.search(first, io.flowanalyzer.portal.search.SessionSearch.all());
        Query query = queries.build(q);
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        CaseReport report = new CaseReport(
                caseReference == null ? null : caseReference.strip(),
                authority == null ? null : authority.strip(),
                owner,
                now,
                q.q(),
                q.from(),
                q.to(),
                q.filters().stream()
                        .map(io.flowanalyzer.portal.search.Filter::label)
                        .toList(),
                q.url("/search"),
                results.total(),
                results.histogram(),
                results.facets(),
                results.hits().stream()
                        .map(io.flowanalyzer.portal.search.SessionResults.Hit::source)
                        .toList(),
                List.of(),
                0,
                masker.active() ? masker.reason() : null,
                reportGraph(q),
                q.url("/graph"));
        report = withDeliveries(report, query);
        Path file = directory.resolve(id + ".pdf");
        Path part = directory.resolve(id + ".pdf.part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                CaseReportPdf.write(report, new java.io.BufferedOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the PDF writer closes its stream; the digest stream is closed here
                    }
                });
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ExportJob job = new ExportJob(
                    id,
                    owner,
                    "pdf",
                    q.url("/search"),
                    ExportJob.Status.COMPLETE,
                    results.total(),
                    report.records().size(),
                    "case-report-" + STAMP.format(now) + "-" + id.substring(0, 8) + ".pdf",
                    Files.size(file),
                    HexFormat.of().formatHex(sha.digest()),
                    null,
                    now,
                    Instant.now(),
                    caseNumber,
                    file);
            jobs.put(id, job);
            save(job);
            audit.record(
                    owner,
                    "export",
                    "complete",
                    id,
                    "PDF case report of " + job.search() + ", sha256 " + job.sha256(),
                    Map.of(
                            "format",
                            "pdf",
                            "case",
                            String.valueOf(caseNumber),
                            "authority",
                            String.valueOf(report.authority()),
                            "sha256",
                            job.sha256(),
                            "sessions",
                            String.valueOf(results.total())));
            return job;
        } catch (IOException | NoSuchAlgorithmException | com.lowagie.text.DocumentException e) {
            LOG.warn("Case report {} failed", id, e);
            throw new io.flowanalyzer.portal.search.SearchUnavailable(
                    "The report could not be written. Try again in a moment.", e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("Could not delete {}", part, e);
            }
        }
    }

    /** The search's link graph for the report; a report is still written when the graph cannot be. */
    private PartyGraph.Graph reportGraph(SessionQuery q) {
        try {
            return graphs.build(q, Grouping.IP);
        } catch (InvalidSearch | SearchUnavailable e) {
            return null;
        }
    }

    /** The deliveries behind the matched sessions: id, ISP, file and SHA-256, busiest first. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private CaseReport withDeliveries(CaseReport report, Query query) {
        try {
            SearchResponse<Map> found = client.search(
                    s -> s.index(Indices.SESSIONS_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(0)
                            .query(query)
                            .aggregations("count", a -> a.cardinality(c -> c.field("ipdr.delivery.id")))
                            .aggregations("deliveries", a -> a.terms(
                                            t -> t.field("ipdr.delivery.id").size(REPORT_DELIVERIES))
                                    .aggregations(
                                            "sha256",
                                            x -> x.terms(t ->
                                                    t.field("file.hash.sha256").size(1)))
                                    .aggregations(
                                            "file",
                                            x -> x.terms(t ->
                                                    t.field("log.file.path").size(1)))
                                    .aggregations(
                                            "isp",
                                            x -> x.terms(
                                                    t -> t.field("ipdr.isp").size(1)))),
                    Map.class);
            List<CaseReport.Delivery> deliveries = new java.util.ArrayList<>();
            for (var b :
                    found.aggregations().get("deliveries").sterms().buckets().array()) {
                deliveries.add(new CaseReport.Delivery(
                        b.key().stringValue(),
                        first(b.aggregations().get("isp")),
                        first(b.aggregations().get("file")),
                        first(b.aggregations().get("sha256")),
                        b.docCount()));
            }
            long count = found.aggregations().get("count").cardinality().value();
            return report.withDeliveries(deliveries, Math.max(count, deliveries.size()));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private static String first(co.elastic.clients.elasticsearch._types.aggregations.Aggregate a) {
        var buckets = a.sterms().buckets().array();
        return buckets.isEmpty() ? null : buckets.get(0).key().stringValue();
    }

    /** The export with this id if {@code user} started it. */
    public Optional<ExportJob> find(String id, String user) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        ExportJob job = jobs.computeIfAbsent(id, this::load);
        if (job == null || !job.owner().equals(user)) {
            return Optional.empty();
        }
        if (job.caseNumber() != null) {
            cases.usable(job.caseNumber(), user); // access to a case's exports ends with the case or its authority
        }
        return Optional.of(job);
    }

    private void run(String id, Query query, Masker masker, Bundle bundle) {
        String pit = null;
        Path part = directory.resolve(id + ".csv.part");
        try {
            pit = openPointInTime();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long written = 0;
            long total;
            try (OutputStream file = Files.newOutputStream(part);
                    DigestOutputStream digest = new DigestOutputStream(file, sha);
                    BufferedWriter writer =
                            new BufferedWriter(new OutputStreamWriter(digest, StandardCharsets.UTF_8), 1 << 16);
                    CSVPrinter csv = CSVFormat.RFC4180
                            .builder()
                            .setHeader(SessionCsv.headers().toArray(String[]::new))
                            .get()
                            .print(writer)) {
                if (pit == null) {
                    total = 0; // no session index yet: an export of nothing, with its header
                } else {
                    List<FieldValue> after = null;
                    total = -1;
                    while (true) {
                        SearchResponse<Map> page = page(pit, query, after, total < 0);
                        pit = page.pitId() != null ? page.pitId() : pit;
                        if (total < 0) {
                            total = page.hits().total() == null
                                    ? 0
                                    : page.hits().total().value();
                            if (total > properties.maxRecords()) {
                                end(
                                        id,
                                        ExportJob.Status.REFUSED,
                                        String.format(
                                                "The search matches %,d sessions; one export holds at most %,d. Narrow the time range or add a filter, and export the parts.",
                                                total, properties.maxRecords()));
                                return;
                            }
                            update(id, total, 0);
                        }
                        List<Hit<Map>> hits = page.hits().hits();
                        for (Hit<Map> hit : hits) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> doc = masker.document(hit.source());
                            csv.printRecord(SessionCsv.row(doc));
                            written++;
                        }
                        update(id, total, written);
                        if (hits.size() < properties.batchSize()) {
                            break;
                        }
                        after = hits.get(hits.size() - 1).sort();
                    }
                }
            }
            if (written != total) {
                end(
                        id,
                        ExportJob.Status.FAILED,
                        String.format(
                                "The search matched %,d sessions but %,d were read; the export was not kept. Try again.",
                                total, written));
                return;
            }
            ExportJob job = jobs.get(id);
            ExportJob done;
            if (bundle == null) {
                Files.move(part, job.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = job.progress(total, written)
                        .complete(Files.size(job.file()), HexFormat.of().formatHex(sha.digest()));
            } else {
                done = bundle(job, part, HexFormat.of().formatHex(sha.digest()), bundle, total, written);
            }
            jobs.put(id, done);
            save(done);
            LOG.info("Export {} for {}: {} sessions, sha256 {}", id, done.owner(), written, done.sha256());
            audit.record(
                    done.owner(),
                    "export",
                    "complete",
                    id,
                    written + " sessions, sha256 " + done.sha256(),
                    caseDetail(
                            done,
                            Map.of(
                                    "records",
                                    String.valueOf(written),
                                    "sha256",
                                    done.sha256(),
                                    "file",
                                    done.fileName())));
        } catch (InvalidSearch e) {
            end(id, ExportJob.Status.FAILED, e.getMessage());
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            LOG.warn("Export {} failed", id, e);
            RuntimeException sentence = SearchFailures.explain(e);
            end(
                    id,
                    ExportJob.Status.FAILED,
                    sentence instanceof InvalidSearch
                            ? sentence.getMessage()
                            : "The export stopped because the search service failed; nothing was kept. Try again.");
        } finally {
            closePointInTime(pit);
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("Could not delete {}", part, e);
            }
        }
    }

    /** Zips the finished CSV with the case report, the certificate, SHA256SUMS and the manifest. */
    private ExportJob bundle(ExportJob job, Path csv, String csvSha, Bundle bundle, long total, long written)
            throws IOException {
        Path zip = directory.resolve(job.id() + ".zip.part");
        try {
            EvidencePackage.Facts f = bundle.facts();
            EvidencePackage.write(
                    zip,
                    new EvidencePackage.Facts(
                            f.caseNumber(),
                            f.caseTitle(),
                            f.authority(),
                            f.purpose(),
                            f.preparedBy(),
                            f.preparedAt(),
                            f.search(),
                            written,
                            f.identifiers()),
                    List.of(
                            new EvidencePackage.Part("sessions.csv", csv, Files.size(csv), csvSha),
                            new EvidencePackage.Part(
                                    "case-report.pdf",
                                    bundle.report().file(),
                                    bundle.report().size(),
                                    bundle.report().sha256())));
            Files.move(zip, job.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return job.progress(total, written).complete(Files.size(job.file()), EvidencePackage.sha256(job.file()));
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** A point in time over the sessions, or null when there is no session index yet. */
    private String openPointInTime() throws IOException {
        try {
            return client.openPointInTime(o -> o.index(Indices.SESSIONS_ALIAS)
                            .keepAlive(k -> k.time(properties.keepAlive().toSeconds() + "s")))
                    .id();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("rawtypes")
    private SearchResponse<Map> page(String pit, Query query, List<FieldValue> after, boolean countTotal)
            throws IOException {
        return client.search(
                s -> {
                    s.pit(p -> p.id(pit)
                                    .keepAlive(
                                            k -> k.time(properties.keepAlive().toSeconds() + "s")))
                            .query(query)
                            .size(properties.batchSize())
                            .trackTotalHits(t -> t.enabled(countTotal))
                            .sort(so -> so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Asc)))
                            .sort(so -> so.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    if (after != null) {
                        s.searchAfter(after);
                    }
                    return s;
                },
                Map.class);
    }

    private void closePointInTime(String pit) {
        if (pit == null) {
            return;
        }
        try {
            client.closePointInTime(c -> c.id(pit));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not close a point in time (it expires by itself)", e);
        }
    }

    private void update(String id, long total, long written) {
        jobs.computeIfPresent(id, (k, job) -> job.progress(total, written));
    }

    private void end(String id, ExportJob.Status status, String why) {
        jobs.computeIfPresent(id, (k, job) -> job.ended(status, why));
        ExportJob job = jobs.get(id);
        save(job);
        try {
            audit.record(
                    job.owner(), "export", status.word(), id, why, caseDetail(job, Map.of("search", job.search())));
        } catch (RuntimeException e) {
            LOG.error("Export {} ended {} but the audit trail could not record it", id, status, e);
        }
    }

    /** An export's audit detail names its case: entries written off the request thread have no case of their own. */
    private static Map<String, String> caseDetail(ExportJob job, Map<String, String> detail) {
        Map<String, String> d = new java.util.LinkedHashMap<>(detail);
        if (job.caseNumber() != null) {
            d.put("case", job.caseNumber());
        }
        return d;
    }

    /** Finished jobs are kept beside their files, so a restart still finds them. */
    private void save(ExportJob job) {
        try {
            Files.write(directory.resolve(job.id() + ".json"), JSON.writeValueAsBytes(job));
        } catch (IOException e) {
            LOG.warn("Could not record export {}", job.id(), e);
        }
    }

    private ExportJob load(String id) {
        Path json = directory.resolve(id + ".json");
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            ExportJob job = JSON.readValue(json.toFile(), ExportJob.class);
            return new ExportJob(
                    job.id(),
                    job.owner(),
                    job.format(),
                    job.search(),
                    job.status(),
                    job.total(),
                    job.written(),
                    job.fileName(),
                    job.size(),
                    job.sha256(),
                    job.message(),
                    job.startedAt(),
                    job.finishedAt(),
                    job.caseNumber(),
                    directory.resolve(id + "." + job.format()));
        } catch (IOException e) {
            LOG.warn("Could not read export {}", id, e);
            return null;
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
