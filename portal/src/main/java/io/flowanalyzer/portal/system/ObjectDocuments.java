package io.flowanalyzer.portal.system;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.flowanalyzer.model.Indices;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Platform objects in {@code ipdr-objects} (users, cases, settings) that are created once, never overwritten. */
public final class ObjectDocuments {
    private ObjectDocuments() {}

    /**
     * Creates the document unless one with its id exists (visible to the next read at once); true when
     * it was created, false when it existed already — also when another writer won the race.
     */
    public static boolean createIfAbsent(ElasticsearchClient client, String id, Object document) {
        try {
            client.create(
                    c -> c.index(Indices.OBJECTS).id(id).document(document).refresh(Refresh.True));
            return true;
        } catch (ElasticsearchException e) {
            if (Conflicts.isConflict(e)) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            if (Conflicts.isConflict(e)) {
                return false;
            }
            throw new UncheckedIOException("cannot store " + id + " in Elasticsearch", e);
        }
    }
}
