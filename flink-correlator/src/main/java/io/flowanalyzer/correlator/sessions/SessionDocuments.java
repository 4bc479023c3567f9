package io.flowanalyzer.correlator.sessions;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a finished session into its document in the daily index of its start day. */
public class SessionDocuments implements MapFunction<SessionRecord, IndexAction> {
    @Override
    public IndexAction map(SessionRecord record) {
        return new IndexAction(Indices.sessionsIndexFor(record.timestamp()), record.id(), RecordJson.toBytes(record));
    }
}
