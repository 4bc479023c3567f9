package io.flowanalyzer.portal.system;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;

/**
 * Whether a failed write was refused because the document exists (HTTP 409): a create that lost a
 * race. The client reports it as an {@link ElasticsearchException}, or — for a create answered by
 * the low-level REST client — as an IOException around a ResponseException.
 */
public final class Conflicts {
    private Conflicts() {}

    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException ee && ee.status() == 409) {
                return true;
            }
            if (t instanceof TransportException te && te.statusCode() == 409) {
                return true;
            }
            if (t instanceof org.elasticsearch.client.ResponseException re
                    && re.getResponse().getStatusLine().getStatusCode() == 409) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
