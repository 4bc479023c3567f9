package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits sessions by what attribution has to do: a record that names its subscriber keeps it and is
 * written at once ({@code direct}); one without any address cannot be attributed and is written as
 * {@code unresolved}; every other one goes to the attribution hops (side output).
 */
public class AttributionRouting extends ProcessFunction<SessionRecord, IndexAction> {
    public static final OutputTag<SessionRecord> TO_ATTRIBUTE = new OutputTag<>("to-attribute") {};

    @Override
    public void processElement(SessionRecord record, Context ctx, Collector<IndexAction> out) {
        SessionRecord.AParty party =
                record.ipdr() == null ? null : record.ipdr().aParty();
        if (namesSubscriber(party)) {
            SessionRecord direct = record.ipdr().attribution() != null
                    ? record
                    : Attributed.with(
                            record, party, new SessionRecord.Attribution(AttributionRules.DIRECT, null, null));
            out.collect(document(direct));
        } else if (SessionLookup.of(record) == null) {
            out.collect(document(Attributed.with(
                    record, party, new SessionRecord.Attribution(AttributionRules.UNRESOLVED, null, null))));
        } else {
            ctx.output(TO_ATTRIBUTE, record);
        }
    }

    static boolean namesSubscriber(SessionRecord.AParty p) {
        return BindingEvent.Subscriber.of(p).any();
    }

    private static IndexAction document(SessionRecord record) {
        return new IndexAction(Indices.sessionsIndexFor(record.timestamp()), record.id(), RecordJson.toBytes(record));
    }
}
