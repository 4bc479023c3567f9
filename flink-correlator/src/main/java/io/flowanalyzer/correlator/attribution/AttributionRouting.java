package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.correlator.alerts.SessionAlerts;
import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
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
    /** Sessions as written that name their subscriber: what the anomaly detectors look at. */
    public static final OutputTag<Observation> TO_DETECT = new OutputTag<>("to-detect") {};

    private final IndexLayout layout;

    public AttributionRouting(IndexLayout layout) {
        this.layout = layout;
    }

    @Override
    public void processElement(SessionRecord record, Context ctx, Collector<IndexAction> out) {
        SessionRecord.AParty party =
                record.ipdr() == null ? null : record.ipdr().aParty();
        if (namesSubscriber(party)) {
            SessionRecord direct = record.ipdr().attribution() != null
                    ? record
                    : Attributed.with(
                            record, party, new SessionRecord.Attribution(AttributionRules.DIRECT, null, null));
            write(direct, out);
            Observation observation = Observation.of(direct);
            if (observation != null) {
                ctx.output(TO_DETECT, observation);
            }
        } else if (SessionLookup.of(record) == null) {
            write(
                    Attributed.with(
                            record, party, new SessionRecord.Attribution(AttributionRules.UNRESOLVED, null, null)),
                    out);
        } else {
            ctx.output(TO_ATTRIBUTE, record);
        }
    }

    static boolean namesSubscriber(SessionRecord.AParty p) {
        return BindingEvent.Subscriber.of(p).any();
    }

    /** The session's document, and a firing in {@code ipdr-alerts} for each of its flags. */
    private void write(SessionRecord record, Collector<IndexAction> out) {
        String index = layout.sessionsIndexFor(record.timestamp());
        byte[] document = RecordJson.toBytes(record);
        out.collect(new IndexAction(index, record.id(), document));
        SessionAlerts.firings(record, index).forEach(out::collect);
    }
}
