package io.flowanalyzer.portal.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.search.SearchFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Cases in {@code ipdr-objects}. A case read for a request is kept for a few seconds, so a closed case
 * or a removed member takes effect almost at once without a read per request.
 */
@Service
public class CaseStore {
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final ElasticsearchClient client;
    private final io.flowanalyzer.portal.system.RecentReads<Optional<CaseFile>> recent =
            new io.flowanalyzer.portal.system.RecentReads<>(FRESH, 10_000);

    public CaseStore(ElasticsearchClient client) {
        this.client = client;
    }

    /** The case numbered {@code number}, as read at most a few seconds ago. */
    public Optional<CaseFile> find(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        return recent.get(number, this::read);
    }

    private Optional<CaseFile> read(String number) {
        try {
            GetResponse<CaseFile> response =
                    client.get(g -> g.index(Indices.OBJECTS).id(CaseFile.documentId(number)), CaseFile.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** Every case, newest first; with {@code member}, only the cases they work in. */
    public List<CaseFile> list(String member) {
        try {
            SearchResponse<CaseFile> found = client.search(
                    s -> s.index(Indices.OBJECTS)
                            .query(q -> q.bool(b -> {
                                b.filter(f -> f.term(t -> t.field("type").value(CaseFile.TYPE)));
                                if (member != null) {
                                    b.filter(f -> f.term(t -> t.field("members").value(member)));
                                }
                                return b;
                            }))
                            .size(1_000)
                            .sort(so -> so.field(f -> f.field("created_at").order(SortOrder.Desc))),
                    CaseFile.class);
            List<CaseFile> cases = new ArrayList<>();
            for (Hit<CaseFile> hit : found.hits().hits()) {
                cases.add(hit.source());
            }
            return cases;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** Creates the case unless one with its number exists; true when it was created. */
    public boolean createIfAbsent(CaseFile file) {
        boolean created = io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(
                client, CaseFile.documentId(file.number()), file);
        recent.forget(file.number());
        return created;
    }

    /** Replaces the stored case (visible to the next read at once). */
    public void save(CaseFile file) {
        try {
            client.index(i -> i.index(Indices.OBJECTS)
                    .id(CaseFile.documentId(file.number()))
                    .document(file)
                    .refresh(Refresh.True));
            recent.forget(file.number());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store case " + file.number() + " in Elasticsearch", e);
        }
    }
}
