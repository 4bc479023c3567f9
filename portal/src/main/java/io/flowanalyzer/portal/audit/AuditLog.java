package io.flowanalyzer.portal.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.search.Clauses;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads the audit trail for auditors: newest first, by user, action, words and time; and checks its chain. */
@Service
public class AuditLog {
    public static final int PAGE_SIZE = 50;

    private final ElasticsearchClient client;
    private final AuditTrail trail;

    public AuditLog(ElasticsearchClient client, AuditTrail trail) {
        this.client = client;
        this.trail = trail;
    }

    /** What an auditor filters by; blank means any. */
    public record Filter(
            String user,
            String action,
            String outcome,
            @org.springframework.web.bind.annotation.BindParam("case") String caseNumber,
            String q,
            String from,
            String to,
            Integer page) {
        int pageOrFirst() {
            return page == null || page < 0 ? 0 : page;
        }
    }

    public record Page(long total, List<AuditEntry> entries) {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Page list(Filter f) {
        if ((long) f.pageOrFirst() * PAGE_SIZE + PAGE_SIZE > 10_000) {
            throw new InvalidSearch(
                    "Only the newest 10,000 entries can be paged through; narrow by user, action or time.");
        }
        BoolQuery.Builder b = new BoolQuery.Builder();
        if (!blank(f.user())) {
            b.filter(x -> x.term(t -> t.field("user").value(f.user().strip())));
        }
        if (!blank(f.action())) {
            b.filter(x -> x.term(t -> t.field("action").value(f.action().strip())));
        }
        if (!blank(f.caseNumber())) {
            b.filter(x -> x.term(t -> t.field("case").value(f.caseNumber().strip())));
        }
        if (!blank(f.outcome())) {
            b.filter(x -> x.term(t -> t.field("outcome").value(f.outcome().strip())));
        }
        if (!blank(f.q())) {
            b.must(Clauses.queryString(f.q().strip()));
        }
        Clauses.timeRange("@timestamp", f.from(), f.to()).ifPresent(b::filter);
        Query query = Query.of(x -> x.bool(b.build()));
        try {
            // an auditor sees every entry written so far, not only those the periodic refresh has reached
            client.indices()
                    .refresh(r -> r.index(Indices.AUDIT).ignoreUnavailable(true).allowNoIndices(true));
            SearchResponse<Map> found = client.search(
                    s -> s.index(Indices.AUDIT)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .query(query)
                            .trackTotalHits(t -> t.enabled(true))
                            .from(f.pageOrFirst() * PAGE_SIZE)
                            .size(PAGE_SIZE)
                            .sort(so -> so.field(x -> x.field("seq").order(SortOrder.Desc))),
                    Map.class);
            List<AuditEntry> entries = new ArrayList<>();
            for (Hit<Map> hit : found.hits().hits()) {
                entries.add(AuditEntry.of(hit.source()));
            }
            long total = found.hits().total() == null
                    ? entries.size()
                    : found.hits().total().value();
            trail.record(
                    "view_audit",
                    "ok",
                    null,
                    "audit entries: " + total,
                    Map.of(
                            "user",
                            String.valueOf(f.user()),
                            "action",
                            String.valueOf(f.action()),
                            "q",
                            String.valueOf(f.q())));
            return new Page(total, entries);
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    public AuditVerifier.Result verify() {
        try {
            AuditVerifier.Result result = new AuditVerifier(client).verify();
            trail.record("verify_audit", result.intact() ? "intact" : "broken", null, result.sentence(), Map.of());
            return result;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
