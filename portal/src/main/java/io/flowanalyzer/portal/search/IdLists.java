package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.flowanalyzer.model.Indices;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Identifier lists kept in {@code ipdr-objects} (type {@code id_list}), so a search naming one can be bookmarked. */
@Service
public class IdLists {
    private static final String PREFIX = "idlist-";

    private final ElasticsearchClient client;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    public IdLists(ElasticsearchClient client, io.flowanalyzer.portal.audit.AuditTrail audit) {
        this.client = client;
        this.audit = audit;
    }

    /** Keeps {@code list} (once: the id is its content) and returns it. */
    public IdList save(IdList list, String user) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "id_list");
        doc.put("name", list.describe());
        doc.put("addresses", list.addresses());
        doc.put("numbers", list.numbers());
        doc.put("others", list.others());
        doc.put("created_by", user);
        doc.put("created_at", Instant.now().toString());
        try {
            client.index(i -> i.index(Indices.OBJECTS)
                    .id(PREFIX + list.id())
                    .document(doc)
                    .refresh(Refresh.WaitFor));
            audit.record("create_list", "ok", list.id(), list.describe(), Map.of("size", String.valueOf(list.size())));
            return list;
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailable("The list could not be kept right now. Try again in a moment.", e);
        }
    }

    /** The list with this id; {@link InvalidSearch} when there is none. */
    @SuppressWarnings("unchecked")
    public IdList load(String id) {
        if (id == null || !id.matches("[0-9a-f]{24}")) {
            throw new InvalidSearch("'" + Filter.shorten(id) + "' is not the id of an identifier list.");
        }
        try {
            @SuppressWarnings("rawtypes")
            GetResponse<Map> got = client.get(g -> g.index(Indices.OBJECTS).id(PREFIX + id), Map.class);
            if (!got.found() || !"id_list".equals(got.source().get("type"))) {
                throw new InvalidSearch("There is no identifier list " + id + "; paste the identifiers again.");
            }
            Map<String, Object> doc = got.source();
            return new IdList(
                    id, strings(doc.get("addresses")), strings(doc.get("numbers")), strings(doc.get("others")));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() == 404) {
                throw new InvalidSearch("There is no identifier list " + id + "; paste the identifiers again.");
            }
            throw new SearchUnavailable("The identifier list could not be read right now. Try again in a moment.", e);
        } catch (IOException e) {
            throw new SearchUnavailable("The identifier list could not be read right now. Try again in a moment.", e);
        }
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
