package io.flowanalyzer.correlator.detectors;

import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * The handset's side of a swap, keyed by IMEI in event-time order: a handset that carried one SIM
 * (MSISDN, else IMSI) for at least {@code minHistory} sessions and now carries another — a stolen or
 * passed-on phone, or a burner SIM. The observation goes on to the subscriber's detectors with the
 * {@code sim_swap} reason, which they write with their own flags (one update per session).
 */
public class SimSwap extends InEventTimeOrder<Observation> {
    /** The SIM a handset carried last and for how many sessions in a row. */
    public record Carrier(String sim, int run) {}

    private final DetectorSettings.Handset settings;
    private final java.time.Duration retention;
    private transient ValueState<Carrier> carrier;

    public SimSwap(DetectorSettings settings) {
        super(settings.maxWait(), settings.maxHeld());
        this.settings = settings.handset();
        this.retention = settings.retention();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        carrier = getRuntimeContext().getState(expiring("carrier", Carrier.class, retention));
    }

    @Override
    protected void inOrder(List<Observation> due, Collector<Observation> out) throws Exception {
        Carrier c = carrier.value();
        for (Observation o : due) {
            if (c != null && c.sim().equals(o.sim())) {
                c = new Carrier(o.sim(), c.run() + 1);
                out.collect(o);
                continue;
            }
            if (settings.enabled() && c != null && c.run() >= settings.minHistory()) {
                out.collect(o.withSimSwap(
                        String.format(
                                Locale.ROOT,
                                "handset IMEI %s now carries %s; its last %d sessions were with %s",
                                o.imei(),
                                o.sim(),
                                c.run(),
                                c.sim()),
                        settings.score()));
            } else {
                out.collect(o);
            }
            c = new Carrier(o.sim(), 1);
        }
        carrier.update(c);
    }
}
