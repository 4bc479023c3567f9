package io.flowanalyzer.portal.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Indices;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Walks the audit trail in sequence order and checks every link: each entry's content still gives
 * its hash, it names the hash of the entry before it, no number is missing, and the chain ends where
 * the recorded head says. The answer names the first broken link in a sentence.
 */
public class AuditVerifier {
    private static final int PAGE = 2_000;

    private final ElasticsearchClient client;

    public AuditVerifier(ElasticsearchClient client) {
        this.client = client;
    }

    /** The outcome: how many entries were checked, and the first problem (null when the chain is whole). */
    public record Result(long checked, Long brokenAt, String problem) {
        public boolean intact() {
            return problem == null;
        }

        public String sentence() {
            return intact()
                    ? String.format("The audit trail is intact: %,d entries, each linked to the one before.", checked)
                    : problem;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Result verify() throws IOException {
        // the head first, then every entry written so far made searchable: entries added meanwhile only lengthen the
        // chain
        Map<String, Object> head = head();
        long headSeq = head != null && head.get("seq") instanceof Number n ? n.longValue() : 0;
        String headHash = head == null ? null : String.valueOf(head.get("hash"));
        try {
            client.indices()
                    .refresh(r -> r.index(Indices.AUDIT).ignoreUnavailable(true).allowNoIndices(true));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        long expected = 1;
        String previous = AuditEntry.GENESIS;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<Map> page = client.search(
                    s -> {
                        s.index(Indices.AUDIT)
                                .ignoreUnavailable(true)
                                .allowNoIndices(true)
                                .size(PAGE)
                                .sort(so -> so.field(f -> f.field("seq").order(SortOrder.Asc)));
                        if (from != null) {
                            s.searchAfter(from);
                        }
                        return s;
                    },
                    Map.class);
            List<Hit<Map>> hits = page.hits().hits();
            for (Hit<Map> hit : hits) {
                Map<String, Object> doc = hit.source();
                AuditEntry entry = AuditEntry.of(doc);
                if (entry.seq() != expected) {
                    return entry.seq() > expected
                            ? new Result(
                                    expected - 1,
                                    expected,
                                    String.format(
                                            "Entry %,d is missing: the trail goes from entry %,d to entry %,d.",
                                            expected, expected - 1, entry.seq()))
                            : new Result(
                                    expected - 1,
                                    entry.seq(),
                                    String.format("Entry %,d appears twice or out of order.", entry.seq()));
                }
                if (!hit.id().equals(AuditTrail.id(entry.seq()))) {
                    return new Result(
                            expected - 1,
                            entry.seq(),
                            String.format(
                                    "Entry %,d is stored under another number's place (%s).", entry.seq(), hit.id()));
                }
                if (!previous.equals(entry.prevHash())) {
                    return new Result(
                            expected - 1,
                            entry.seq(),
                            String.format(
                                    "Entry %,d does not follow entry %,d: it names another entry as the one before it.",
                                    entry.seq(), entry.seq() - 1));
                }
                if (!AuditEntry.hashOf(doc).equals(entry.hash())) {
                    return new Result(
                            expected - 1,
                            entry.seq(),
                            String.format(
                                    "Entry %,d was changed after it was written: its content no longer gives its hash.",
                                    entry.seq()));
                }
                if (entry.seq() == headSeq && !entry.hash().equals(headHash)) {
                    return new Result(
                            expected - 1,
                            entry.seq(),
                            String.format(
                                    "Entry %,d is not the entry that was written last under that number.",
                                    entry.seq()));
                }
                previous = entry.hash();
                expected++;
            }
            if (hits.size() < PAGE) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        long checked = expected - 1;
        if (headSeq > checked) {
            return new Result(
                    checked,
                    checked + 1,
                    String.format(
                            "The trail ends at entry %,d but entry %,d was written: the last %,d entries were removed.",
                            checked, headSeq, headSeq - checked));
        }
        return new Result(checked, null, null);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<String, Object> head() throws IOException {
        try {
            GetResponse<Map> got = client.get(g -> g.index(Indices.OBJECTS).id(AuditTrail.HEAD_ID), Map.class);
            return got.found() ? got.source() : null;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
