package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.bindings.AttributionPolicy;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import io.flowanalyzer.model.bindings.BindingIntervals;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The first hop of attribution, keyed by public address: it keeps the NAT/CGNAT translations and port
 * blocks of the address, and the sessions seen with it. For a session it finds the translations that
 * held its address and port at its time and asks the RADIUS hop about each private address they lead
 * to; when none held it, it asks about the address itself. A translation that arrives after its
 * sessions asks again for the sessions it covers, so late evidence updates them. Sessions are kept for
 * the retention (processing time) after they arrive; evidence is kept for the evidence window of event
 * time behind the newest evidence of its port, and dropped when nothing arrives for the address for the
 * retention. Port blocks are kept by range of 1,024 ports, so a session reads the blocks that may hold its
 * port, not the address's every block (a CGNAT address carries hundreds over a day).
 */
public class NatHop extends KeyedCoProcessFunction<String, SessionLookup, BindingEvent, AddressLookup> {
    /** The slot of sessions without a port and of translations without a public port. */
    static final int ANY_PORT = -1;
    /** Port blocks are kept in ranges of 2^10 ports: a session reads one range. */
    static final int RANGE_BITS = 10;

    static final int MAX_PORT = 65_535;

    private final AttributionPolicy policy;
    private final long retentionMillis;
    private final long evidenceWindowMillis;

    private transient MapState<Integer, List<BindingEvent>> translations;
    private transient MapState<Integer, List<BindingEvent>> blocks;
    /** Where versions before 2026-12-07 kept an address's blocks, in one list: moved into ranges when read. */
    private transient ValueState<List<BindingEvent>> unrangedBlocks;

    private transient MapState<Integer, List<Waiting>> waiting;
    private transient ValueState<Long> lastEvidence;
    private transient RetentionTimers retention;

    /** A session at this address, how many times it was looked up, and when it arrived (processing time). */
    public record Waiting(SessionLookup session, int generation, long arrived) {}

    public NatHop(AttributionPolicy policy, java.time.Duration retention, java.time.Duration evidenceWindow) {
        this.policy = policy;
        this.retentionMillis = retention.toMillis();
        this.evidenceWindowMillis = evidenceWindow.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        retention = new RetentionTimers();
        TypeInformation<List<BindingEvent>> events = new ListTypeInfo<>(BindingEvent.class);
        translations = getRuntimeContext().getMapState(new MapStateDescriptor<>("translations", Types.INT, events));
        blocks = getRuntimeContext().getMapState(new MapStateDescriptor<>("port-blocks-by-range", Types.INT, events));
        unrangedBlocks = getRuntimeContext().getState(new ValueStateDescriptor<>("port-blocks", events));
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("waiting", Types.INT, new ListTypeInfo<>(Waiting.class)));
        lastEvidence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-evidence", Types.LONG));
    }

    @Override
    public void processElement1(SessionLookup session, Context ctx, Collector<AddressLookup> out) throws Exception {
        moveUnrangedBlocks();
        int slot = session.port() == null ? ANY_PORT : session.port();
        List<Waiting> here = orEmpty(waiting.get(slot));
        int generation = 0;
        for (Iterator<Waiting> i = here.iterator(); i.hasNext(); ) {
            Waiting w = i.next();
            if (w.session().sessionId().equals(session.sessionId())) {
                generation = w.generation() + 1; // delivered again: a new look supersedes the old one
                i.remove();
            }
        }
        long now = ctx.timerService().currentProcessingTime();
        Waiting w = new Waiting(session, generation, now);
        here.add(w);
        waiting.put(slot, here);
        ask(w, out);
        retention.arm(ctx.getCurrentKey(), roundUp(now + retentionMillis), ctx.timerService());
    }

    @Override
    public void processElement2(BindingEvent e, Context ctx, Collector<AddressLookup> out) throws Exception {
        if (!AttributionRules.isTranslation(e)) {
            return;
        }
        moveUnrangedBlocks();
        List<Integer> affected = new ArrayList<>();
        if (e.publicPort() != null || e.portStart() == null || e.portEnd() == null) {
            int slot = e.publicPort() == null ? ANY_PORT : e.publicPort();
            List<BindingEvent> list = orEmpty(translations.get(slot));
            if (!EvidenceWindow.add(list, e, evidenceWindowMillis)) {
                return; // seen before: a replay changes nothing
            }
            translations.put(slot, list);
            if (slot != ANY_PORT) {
                affected.add(slot);
            }
        } else {
            if (!addBlock(e)) {
                return;
            }
            affected.addAll(waitingPortsIn(e.portStart(), e.portEnd()));
        }
        affected.add(ANY_PORT);
        long now = ctx.timerService().currentProcessingTime();
        lastEvidence.update(now);
        retention.arm(ctx.getCurrentKey(), roundUp(now + retentionMillis), ctx.timerService());
        for (int slot : affected) {
            List<Waiting> here = waiting.get(slot);
            if (here == null) {
                continue;
            }
            boolean changed = false;
            for (int i = 0; i < here.size(); i++) {
                Waiting w = here.get(i);
                if (AttributionRules.holdsPort(e, w.session().port())
                        && AttributionRules.near(e.at(), w.session().time(), policy)) {
                    Waiting again = new Waiting(w.session(), w.generation() + 1, w.arrived());
                    here.set(i, again);
                    ask(again, out);
                    changed = true;
                }
            }
            if (changed) {
                waiting.put(slot, here);
            }
        }
    }

    /** Asks the RADIUS hop about every private address a translation held the session's address and port for. */
    private void ask(Waiting w, Collector<AddressLookup> out) throws Exception {
        SessionLookup s = w.session();
        List<BindingIntervals.Interval> held = AttributionRules.covering(evidenceFor(s.port()), s.time(), policy);
        List<BindingIntervals.Interval> followed = new ArrayList<>();
        for (BindingIntervals.Interval t : held) {
            if (t.first().privateIp() != null && followed.size() < AttributionRules.MAX_PRIVATE_ADDRESSES) {
                followed.add(t);
            }
        }
        if (followed.isEmpty()) {
            String scope = AttributionRules.isInternal(s.address()) ? s.isp() : null;
            out.collect(new AddressLookup(
                    s.sessionId(),
                    w.generation(),
                    0,
                    1,
                    AttributionRules.RADIUS,
                    s.address(),
                    scope,
                    null,
                    s.time(),
                    List.of()));
            return;
        }
        for (int i = 0; i < followed.size(); i++) {
            BindingIntervals.Interval t = followed.get(i);
            out.collect(new AddressLookup(
                    s.sessionId(),
                    w.generation(),
                    i,
                    followed.size(),
                    AttributionRules.NAT,
                    t.first().privateIp(),
                    t.first().isp(),
                    t.first().privatePort(),
                    s.time(),
                    t.evidence()));
        }
    }

    /** The translations and blocks that may hold the port (all of the address's when the port is unknown). */
    private List<BindingEvent> evidenceFor(Integer port) throws Exception {
        List<BindingEvent> events = new ArrayList<>();
        if (port == null) {
            for (Map.Entry<Integer, List<BindingEvent>> e : translations.entries()) {
                events.addAll(e.getValue());
            }
        } else {
            events.addAll(orEmpty(translations.get(port)));
        }
        if (port == null) {
            Map<String, BindingEvent> all = new LinkedHashMap<>(); // a block spanning ranges is in each
            for (Map.Entry<Integer, List<BindingEvent>> e : blocks.entries()) {
                e.getValue().forEach(b -> all.putIfAbsent(b.id(), b));
            }
            events.addAll(all.values());
        } else {
            for (BindingEvent b : orEmpty(blocks.get(port >> RANGE_BITS))) {
                if (AttributionRules.holdsPort(b, port)) {
                    events.add(b);
                }
            }
        }
        return events;
    }

    /**
     * Adds a port block to every range it overlaps (a block past the port space, or inverted, to the range of
     * its start, where only sessions without a port find it, as before).
     *
     * @return whether the block was new
     */
    private boolean addBlock(BindingEvent e) throws Exception {
        int from = clampPort(e.portStart()) >> RANGE_BITS;
        int to = Math.max(from, clampPort(e.portEnd()) >> RANGE_BITS);
        boolean added = false;
        for (int range = from; range <= to; range++) {
            List<BindingEvent> list = orEmpty(blocks.get(range));
            if (EvidenceWindow.add(list, e, evidenceWindowMillis)) {
                blocks.put(range, list);
                added = true;
            }
        }
        return added;
    }

    private static int clampPort(int port) {
        return Math.max(0, Math.min(MAX_PORT, port));
    }

    /** Moves blocks an earlier version kept in one list into their ranges (once per address). */
    private void moveUnrangedBlocks() throws Exception {
        List<BindingEvent> old = unrangedBlocks.value();
        if (old != null) {
            for (BindingEvent b : old) {
                addBlock(b);
            }
            unrangedBlocks.clear();
        }
    }

    private List<Integer> waitingPortsIn(int from, int to) throws Exception {
        List<Integer> ports = new ArrayList<>();
        if (to - from < 4096) {
            for (int p = from; p <= to; p++) {
                if (waiting.contains(p)) {
                    ports.add(p);
                }
            }
        } else {
            for (Integer p : waiting.keys()) {
                if (p >= from && p <= to) {
                    ports.add(p);
                }
            }
        }
        return ports;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AddressLookup> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        List<Integer> empty = new ArrayList<>();
        Map<Integer, List<Waiting>> kept = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Waiting>> e : waiting.entries()) {
            List<Waiting> list = new ArrayList<>(e.getValue());
            if (list.removeIf(w -> w.arrived() + retentionMillis <= now)) {
                if (list.isEmpty()) {
                    empty.add(e.getKey());
                } else {
                    kept.put(e.getKey(), list);
                }
            }
        }
        for (int slot : empty) {
            waiting.remove(slot);
        }
        waiting.putAll(kept);
        Long last = lastEvidence.value();
        if (last != null && last + retentionMillis <= now) {
            translations.clear();
            blocks.clear();
            unrangedBlocks.clear();
            lastEvidence.clear();
        }
    }

    /** Timers to the next minute: one per key and minute, not one per record. */
    static long roundUp(long millis) {
        return (millis / 60_000 + 1) * 60_000;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
