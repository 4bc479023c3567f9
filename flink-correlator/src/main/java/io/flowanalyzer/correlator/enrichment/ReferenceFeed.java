package io.flowanalyzer.correlator.enrichment;

import io.flowanalyzer.model.reference.ReferenceCatalogue;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.io.Serializable;
import java.util.List;

/**
 * Where the job's operators get the reference data from: a serializable description that each
 * operator opens on its task manager, and a handle whose {@link Handle#current} is the newest snapshot.
 */
public interface ReferenceFeed extends Serializable {

    /** Follows the reference data until the handle is closed; the first snapshot is complete when this returns. */
    Handle open();

    /** An open feed. */
    interface Handle extends AutoCloseable {
        ReferenceCatalogue current();

        @Override
        void close();
    }

    /** A feed of fixed entries (benchmarks, tests, a job run without reference data). */
    static ReferenceFeed of(List<ReferenceEntry> entries) {
        List<ReferenceEntry> copy = List.copyOf(entries);
        return (ReferenceFeed) () -> {
            ReferenceCatalogue catalogue = ReferenceCatalogue.of(copy);
            return new Handle() {
                @Override
                public ReferenceCatalogue current() {
                    return catalogue;
                }

                @Override
                public void close() {}
            };
        };
    }
}
