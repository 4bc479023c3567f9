package io.flowanalyzer.correlator.enrichment;

import io.flowanalyzer.geo.OfflineGeo;
import io.flowanalyzer.model.SessionRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** The enrichment step of the job: every session through {@link SessionEnrichment} with the newest reference data. */
public class Enrichment extends RichMapFunction<SessionRecord, SessionRecord> {
    private final ReferenceFeed feed;
    private transient ReferenceFeed.Handle reference;
    private transient OfflineGeo geo;

    public Enrichment(ReferenceFeed feed) {
        this.feed = feed;
    }

    @Override
    public void open(OpenContext context) {
        geo = OfflineGeo.bundled();
        reference = feed.open();
    }

    @Override
    public SessionRecord map(SessionRecord record) {
        return SessionEnrichment.enrich(record, reference.current(), geo);
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
        }
    }
}
