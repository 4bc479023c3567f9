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
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
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

    public Exports(
            ElasticsearchClient client,
            SessionQueries queries,
            ExportProperties properties,
            io.flowanalyzer.portal.audit.AuditTrail audit)
            throws IOException {
        this.audit = audit;
        this.client = client;
        this.queries = queries;
        this.properties = properties;
        this.directory = Path.of(properties.directory()).toAbsolutePath().normalize();
        Files.createDirectories(directory);
    }

    /** Starts exporting the sessions {@code q} matches (every page of it) for {@code owner}. */
    public ExportJob start(SessionQuery q, String owner) {
        Query query = queries.build(q); // a search that cannot run is refused now, in a sentence
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        ExportJob job = new ExportJob(
                id,
                owner,
                "csv",
                q.url("/search"),
                ExportJob.Status.RUNNING,
                0,
                0,
                "sessions-" + STAMP.format(now) + "-" + id.substring(0, 8) + ".csv",
                null,
                null,
                null,
                now,
                null,
                directory.resolve(id + ".csv"));
        jobs.put(id, job);
        audit.record(
                owner,
                "export",
                "started",
                id,
                "CSV of " + job.search(),
                Map.of("search", job.search(), "format", "csv"));
        workers.submit(() -> run(id, query));
        return job;
    }

    /** The export with this id if {@code user} started it. */
    public Optional<ExportJob> find(String id, String user) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        ExportJob job = jobs.computeIfAbsent(id, this::load);
        return job != null && job.owner().equals(user) ? Optional.of(job) : Optional.empty();
    }

    private void run(String id, Query query) {
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
                            Map<String, Object> doc = hit.source();
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
            Files.move(part, job.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ExportJob done = job.progress(total, written)
                    .complete(Files.size(job.file()), HexFormat.of().formatHex(sha.digest()));
            jobs.put(id, done);
            save(done);
            LOG.info("Export {} for {}: {} sessions, sha256 {}", id, done.owner(), written, done.sha256());
            audit.record(
                    done.owner(),
                    "export",
                    "complete",
                    id,
                    written + " sessions, sha256 " + done.sha256(),
                    Map.of("records", String.valueOf(written), "sha256", done.sha256(), "file", done.fileName()));
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
            audit.record(job.owner(), "export", status.word(), id, why, Map.of("search", job.search()));
        } catch (RuntimeException e) {
            LOG.error("Export {} ended {} but the audit trail could not record it", id, status, e);
        }
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
                    directory.resolve(id + ".csv"));
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
