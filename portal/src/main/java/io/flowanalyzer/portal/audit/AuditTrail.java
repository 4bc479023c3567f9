package io.flowanalyzer.portal.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends to the audit trail. Entries are chained: each carries the hash of the one before and is
 * created (never overwritten: op_type create) under its sequence number, so two portals writing at
 * once cannot both take a number; the one that loses reads the new end of the chain and tries again.
 * The head (last number and hash) is also kept in {@code ipdr-objects}, so removing entries from the
 * end is detected too. An action whose entry cannot be written is refused: nothing is done unrecorded.
 */
@Service
public class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    static final String HEAD_ID = "audit:head";
    private static final int ATTEMPTS = 5;

    private final ElasticsearchClient client;
    private AuditEntry last;

    public AuditTrail(ElasticsearchClient client) {
        this.client = client;
    }

    /** Records {@code action} by the signed-in user of the current request. */
    public AuditEntry record(
            String action, String outcome, String subject, String summary, Map<String, String> detail) {
        return record(currentUser(), action, outcome, subject, summary, detail);
    }

    /**
     * Runs a search and records it: with its count when it ran, with the reason when it was refused
     * (the refusal is passed on). {@code detail} says what was asked.
     */
    public <T> T searched(
            String asked,
            Map<String, String> detail,
            java.util.function.Supplier<T> search,
            java.util.function.ToLongFunction<T> total) {
        Map<String, String> d = new LinkedHashMap<>(detail);
        try {
            T result = search.get();
            long n = total.applyAsLong(result);
            d.put("total", String.valueOf(n));
            record("search", "ok", null, asked + " → " + n, d);
            return result;
        } catch (io.flowanalyzer.portal.search.InvalidSearch e) {
            d.put("reason", e.getMessage());
            record("search", "refused", null, asked, d);
            throw e;
        }
    }

    /**
     * Runs a search that reports its count as soon as it knows it (before the rest of its work, such as a
     * histogram); the entry is written meanwhile, and the result is handed out only once it is written.
     * A search whose entry cannot be written is refused like any other.
     */
    public <T> T searchedOverlapping(
            String asked,
            Map<String, String> detail,
            java.util.function.Function<java.util.function.LongConsumer, T> search,
            java.util.function.ToLongFunction<T> total) {
        List<java.util.concurrent.CompletableFuture<AuditEntry>> early = new java.util.ArrayList<>(1);
        T result;
        try {
            result = search.apply(n -> {
                if (early.isEmpty()) {
                    Map<String, String> d = new LinkedHashMap<>(detail);
                    d.put("total", String.valueOf(n));
                    early.add(recordLater(currentUser(), "search", "ok", null, asked + " → " + n, d));
                }
            });
        } catch (io.flowanalyzer.portal.search.InvalidSearch e) {
            if (early.isEmpty()) {
                Map<String, String> d = new LinkedHashMap<>(detail);
                d.put("reason", e.getMessage());
                record("search", "refused", null, asked, d);
            } else {
                written(early.get(0));
            }
            throw e;
        } catch (RuntimeException e) {
            early.forEach(AuditTrail::written);
            throw e;
        }
        if (early.isEmpty()) {
            Map<String, String> d = new LinkedHashMap<>(detail);
            long n = total.applyAsLong(result);
            d.put("total", String.valueOf(n));
            record("search", "ok", null, asked + " → " + n, d);
        } else {
            written(early.get(0));
        }
        return result;
    }

    /** Waits for an entry written off the request thread; one that failed refuses the action. */
    private static AuditEntry written(java.util.concurrent.CompletableFuture<AuditEntry> entry) {
        try {
            return entry.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Starts writing an entry on the audit writer; who, from where and in which case are taken from the
     * current request now, on its own thread.
     */
    private java.util.concurrent.CompletableFuture<AuditEntry> recordLater(
            String user, String action, String outcome, String subject, String summary, Map<String, String> detail) {
        Prepared p = prepare(detail);
        String address = clientAddress();
        return java.util.concurrent.CompletableFuture.supplyAsync(
                () -> append(user, action, outcome, address, subject, summary, p.detail(), p.caseNumber()), writer);
    }

    /** The entry's detail without empty values, and the case it was made in. */
    private record Prepared(Map<String, String> detail, String caseNumber) {}

    private static Prepared prepare(Map<String, String> detail) {
        Map<String, String> clean = new LinkedHashMap<>();
        if (detail != null) {
            detail.forEach((k, v) -> {
                if (v != null) {
                    clean.put(k, v);
                }
            });
        }
        // every search, view and export is recorded with the case it was made in
        String caseNumber = clean.containsKey("case")
                ? clean.remove("case")
                : io.flowanalyzer.portal.cases.ActiveCase.current()
                        .map(io.flowanalyzer.portal.cases.CaseFile::number)
                        .orElse(null);
        return new Prepared(clean, caseNumber);
    }

    /** Writes entries that a request does not wait on at once (it joins them before it answers). */
    private final java.util.concurrent.ExecutorService writer =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "audit-writer");
                t.setDaemon(true);
                return t;
            });

    /** Records {@code action} by {@code user}; the client address is the current request's. */
    public AuditEntry record(
            String user, String action, String outcome, String subject, String summary, Map<String, String> detail) {
        Prepared p = prepare(detail);
        return append(user, action, outcome, clientAddress(), subject, summary, p.detail(), p.caseNumber());
    }

    private synchronized AuditEntry append(
            String user,
            String action,
            String outcome,
            String address,
            String subject,
            String summary,
            Map<String, String> detail,
            String caseNumber) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (last == null) {
                    last = readLast();
                }
                AuditEntry entry = new AuditEntry(
                                last.seq() + 1,
                                Instant.now().toString(),
                                user,
                                action,
                                outcome,
                                address,
                                subject,
                                summary,
                                detail,
                                caseNumber,
                                last.hash(),
                                null)
                        .sealed();
                client.create(c -> c.index(Indices.AUDIT).id(id(entry.seq())).document(entry.document()));
                last = entry;
                headLater(entry);
                return entry;
            } catch (ElasticsearchException | IOException e) {
                if (io.flowanalyzer.portal.system.Conflicts.isConflict(e)) {
                    last = null; // another writer took the number: read the chain's new end
                    continue;
                }
                throw unrecorded(e);
            }
        }
        throw unrecorded(new IllegalStateException("the audit trail's end kept moving"));
    }

    /**
     * The head is written off the request thread, at most once every {@link #HEAD_EVERY} and always for
     * the newest entry: a search pays for its own entry only, and a busy portal does not write the head
     * once per entry. Entries of the last moments before a crash may be missing from the head, never from
     * the chain; a stopping portal writes it at once.
     */
    static final java.time.Duration HEAD_EVERY = java.time.Duration.ofSeconds(1);

    private final java.util.concurrent.ScheduledExecutorService headWriter =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-head");
                t.setDaemon(true);
                return t;
            });

    private final java.util.concurrent.atomic.AtomicReference<AuditEntry> pendingHead =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean headScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long headWritten;
    private volatile long headWrittenAt = System.nanoTime() - HEAD_EVERY.toNanos();

    private void headLater(AuditEntry entry) {
        pendingHead.accumulateAndGet(entry, (old, fresh) -> old == null || fresh.seq() > old.seq() ? fresh : old);
        if (headScheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, headWrittenAt + HEAD_EVERY.toNanos() - System.nanoTime());
            headWriter.schedule(this::writeHead, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void writeHead() {
        headScheduled.set(false); // an entry after this point schedules the next write
        AuditEntry entry = pendingHead.getAndSet(null);
        if (entry == null || entry.seq() <= headWritten) {
            return;
        }
        try {
            writeHeadNow(entry);
            headWritten = entry.seq();
        } catch (IOException | RuntimeException e) {
            LOG.error("The audit trail's head could not be written (entry {})", entry.seq(), e);
        } finally {
            headWrittenAt = System.nanoTime();
        }
    }

    /** A stopping portal writes the head of its last entry before it goes. */
    @jakarta.annotation.PreDestroy
    void writeHeadBeforeStopping() throws InterruptedException {
        headWriter.shutdown();
        headWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        writeHead();
    }

    private void writeHeadNow(AuditEntry entry) throws IOException {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("type", "audit_head");
        head.put("seq", entry.seq());
        head.put("hash", entry.hash());
        head.put("updated_at", entry.timestamp());
        client.index(i -> i.index(Indices.OBJECTS).id(HEAD_ID).document(head));
    }

    /** The chain's last entry, or a stand-in before the first one. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private AuditEntry readLast() throws IOException {
        SearchResponse<Map> found = client.search(
                s -> s.index(Indices.AUDIT)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(1)
                        .sort(so -> so.field(f -> f.field("seq").order(SortOrder.Desc))),
                Map.class);
        if (found.hits().hits().isEmpty()) {
            return new AuditEntry(
                    0, null, null, null, null, null, null, null, Map.of(), null, null, AuditEntry.GENESIS);
        }
        return AuditEntry.of(found.hits().hits().get(0).source());
    }

    static String id(long seq) {
        return String.format("%012d", seq);
    }

    private static SearchUnavailable unrecorded(Exception e) {
        LOG.error("The audit trail could not be written", e);
        return new SearchUnavailable(
                "This could not be recorded in the audit trail, so it was not done. Try again in a moment.", e);
    }

    private static String currentUser() {
        org.springframework.security.core.Authentication who =
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication();
        return who == null ? "(system)" : who.getName();
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRemoteAddr();
        }
        return null;
    }
}
