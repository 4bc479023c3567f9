package io.flowanalyzer.correlator.links;

import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.sink.IndexAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-session links at one relay (the key: the B-party address). Each session is compared, as it
 * arrives, with the sessions held that started within the start tolerance of it; a pair that looks like
 * one conversation ({@link CoSessionRule}) is written to {@code ipdr-links}. Whichever of two sessions
 * arrives second finds the other, so the links do not depend on arrival order — also when the two
 * legs come from different ISPs whose deliveries arrive hours or days apart: sessions are held by
 * start window for the retention (processing time), not until a watermark passes them. What is held is
 * keyed state, so it survives a restart.
 */
public class CoSessionLinks extends KeyedProcessFunction<String, Observation, IndexAction> {
    private static final Logger LOG = LoggerFactory.getLogger(CoSessionLinks.class);

    private final LinkSettings settings;
    private final long window;
    private transient MapState<Long, List<Observation>> held;
    /** The windows already reported as crowded (for the log only). */
    private transient java.util.Set<Long> crowded;

    public CoSessionLinks(LinkSettings settings) {
        this.settings = settings;
        this.window = Math.max(1, settings.startTolerance().toMillis());
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<Long, List<Observation>> descriptor =
                new MapStateDescriptor<>("held", Types.LONG, Types.LIST(TypeInformation.of(Observation.class)));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(settings.retention())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .build());
        held = getRuntimeContext().getMapState(descriptor);
        crowded = new java.util.HashSet<>();
    }

    @Override
    public void processElement(Observation session, Context ctx, Collector<IndexAction> out) throws Exception {
        long w = Math.floorDiv(session.at(), window);
        List<Observation> own = held.get(w);
        if (own != null && own.stream().anyMatch(o -> o.id().equals(session.id()))) {
            return; // a replay: its links were found the first time
        }
        for (long candidate = w - 1; candidate <= w + 1; candidate++) {
            List<Observation> others = candidate == w ? own : held.get(candidate);
            if (others == null) {
                continue;
            }
            for (Observation other : others) {
                ProbableContact contact = CoSessionRule.compare(other, session, settings);
                if (contact != null) {
                    out.collect(contact.action());
                }
            }
        }
        if (own != null && own.size() >= settings.maxHeld()) {
            if (crowded.size() > 10_000) {
                crowded.clear();
            }
            if (crowded.add(w)) {
                LOG.warn(
                        "Relay {} has more than {} sessions starting within {} of each other; later ones in that window"
                                + " are compared but not held",
                        ctx.getCurrentKey(),
                        settings.maxHeld(),
                        settings.startTolerance());
            }
            return;
        }
        List<Observation> next = own == null ? new ArrayList<>(2) : new ArrayList<>(own);
        next.add(session);
        held.put(w, next);
    }
}
