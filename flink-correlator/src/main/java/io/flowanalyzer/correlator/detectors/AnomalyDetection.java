package io.flowanalyzer.correlator.detectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.alerts.SessionAlerts;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * The detectors for one subscriber (the key), in event-time order ({@link InEventTimeOrder}). A flagged
 * session gets its flags (with those enrichment raised) and risk score as a partial update of its
 * document, and a firing per flag in {@code ipdr-alerts}.
 */
public class AnomalyDetection extends InEventTimeOrder<IndexAction> {
    private final IndexLayout layout;
    private final DetectorSettings settings;
    private transient ValueState<SubscriberProfile> profile;

    public AnomalyDetection(IndexLayout layout, DetectorSettings settings) {
        super(settings.maxWait(), settings.maxHeld());
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        profile = getRuntimeContext().getState(expiring("profile", SubscriberProfile.class, settings.retention()));
    }

    @Override
    protected void inOrder(List<Observation> due, Collector<IndexAction> out) throws Exception {
        SubscriberProfile p = profile.value();
        if (p == null) {
            p = new SubscriberProfile();
        }
        for (Observation o : due) {
            List<SessionRecord.Flag> raised = new ArrayList<>(Detectors.check(o, p, settings));
            // what the handset's detector (keyed by IMEI) found upstream is written here, with these
            if (o.simSwap() != null) {
                raised.add(0, new SessionRecord.Flag(Detectors.SIM_SWAP, o.simSwap(), o.simSwapScore()));
            }
            if (!raised.isEmpty()) {
                flagged(o.session(), raised, out);
            }
        }
        profile.update(p);
    }

    /** The session's flags and risk score as a partial update, and its firings. */
    private void flagged(SessionRecord s, List<SessionRecord.Flag> raised, Collector<IndexAction> out) {
        List<SessionRecord.Flag> flags = new ArrayList<>();
        if (s.ipdr() != null && s.ipdr().flags() != null) {
            flags.addAll(s.ipdr().flags());
        }
        for (SessionRecord.Flag f : raised) {
            if (!flags.contains(f)) {
                flags.add(f);
            }
        }
        Double risk = SessionEnrichment.riskScore(flags);
        ObjectNode doc = RecordJson.mapper().createObjectNode();
        ObjectNode ipdr = doc.putObject("ipdr");
        ipdr.set("flags", RecordJson.mapper().valueToTree(flags));
        ipdr.put("risk_score", risk);
        String index = layout.sessionsIndexFor(s.timestamp());
        out.collect(IndexAction.update(index, s.id(), RecordJson.toBytes(doc)));
        SessionRecord withFlags = s.withIpdr(s.ipdr().withFlags(List.copyOf(flags), risk));
        SessionAlerts.firings(withFlags, index).forEach(out::collect);
    }
}
