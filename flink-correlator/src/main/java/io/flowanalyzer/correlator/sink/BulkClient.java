package io.flowanalyzer.correlator.sink;

import java.io.IOException;
import java.util.List;

/** Sends one bulk request; answers per action, in order. */
public interface BulkClient extends AutoCloseable {

    /** The outcome of one action: HTTP-like status and, on failure, Elasticsearch's reason. */
    record ItemResult(int status, String error) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth sending again: the cluster was busy or broken, not the document. */
        public boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    List<ItemResult> bulk(List<IndexAction> actions) throws IOException;

    @Override
    void close();
}
