package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.bindings.AttributionPolicy;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** The NAT hop's port blocks, kept by range of ports: what a session finds, whatever ranges a block spans. */
class NatHopTest {
    private static final String PUBLIC = "203.0.113.50";
    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private static BindingEvent block(String id, String privateIp, int from, int to) {
        return new BindingEvent(
                id,
                "acme",
                NatBinding.PORT_BLOCK,
                NatBinding.START,
                T.minus(Duration.ofHours(2)),
                T.minus(Duration.ofHours(2)),
                null,
                privateIp,
                null,
                PUBLIC,
                null,
                from,
                to,
                null,
                null,
                null);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, SessionLookup, BindingEvent, AddressLookup> harness(
            KeyedCoProcessFunction<String, SessionLookup, BindingEvent, AddressLookup> function) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(function), SessionLookup::address, BindingEvent::publicIp, Types.STRING);
    }

    private static NatHop natHop() {
        return new NatHop(AttributionPolicy.defaults(), Duration.ofDays(3), Duration.ofDays(7));
    }

    /** The private addresses the hop asks the RADIUS hop about for a session at {@code port}, in order. */
    private static List<String> asked(
            KeyedTwoInputStreamOperatorTestHarness<String, SessionLookup, BindingEvent, AddressLookup> h,
            String id,
            Integer port)
            throws Exception {
        int before = h.extractOutputValues().size();
        h.processElement1(new StreamRecord<>(new SessionLookup(id, "acme", PUBLIC, port, T)));
        List<AddressLookup> out = h.extractOutputValues();
        return out.subList(before, out.size()).stream()
                .map(l -> l.method() + " " + l.address())
                .toList();
    }

    @Test
    void aBlockIsFoundFromEveryPortItHoldsAndOnlyOnceBySessionsWithoutAPort() throws Exception {
        var h = harness(natHop());
        h.open();
        // 1000–3100 spans four ranges of 1,024 ports; the second block sits inside one
        h.processElement2(new StreamRecord<>(block("wide", "100.64.0.1", 1000, 3100)));
        h.processElement2(new StreamRecord<>(block("narrow", "100.64.0.2", 5000, 5255)));
        assertThat(asked(h, "s1", 1000)).containsExactly("nat 100.64.0.1");
        assertThat(asked(h, "s2", 1023)).containsExactly("nat 100.64.0.1");
        assertThat(asked(h, "s3", 2048)).containsExactly("nat 100.64.0.1");
        assertThat(asked(h, "s4", 3100)).containsExactly("nat 100.64.0.1");
        assertThat(asked(h, "s5", 5100)).containsExactly("nat 100.64.0.2");
        // in a range the wide block overlaps, but outside it: the address itself is asked about
        assertThat(asked(h, "s6", 3101)).containsExactly("radius " + PUBLIC);
        assertThat(asked(h, "s7", 999)).containsExactly("radius " + PUBLIC);
        // without a port every holder is a candidate, each once
        assertThat(asked(h, "s8", null)).containsExactlyInAnyOrder("nat 100.64.0.1", "nat 100.64.0.2");
        h.close();
    }

    @Test
    void aReplayedBlockAsksNothingAgain() throws Exception {
        var h = harness(natHop());
        h.open();
        h.processElement2(new StreamRecord<>(block("wide", "100.64.0.1", 1000, 3100)));
        assertThat(asked(h, "s1", 3000)).containsExactly("nat 100.64.0.1");
        int before = h.extractOutputValues().size();
        h.processElement2(new StreamRecord<>(block("wide", "100.64.0.1", 1000, 3100)));
        assertThat(h.extractOutputValues()).hasSize(before);
        // a block that arrives after its session asks again for it
        h.processElement2(new StreamRecord<>(block("late", "100.64.0.9", 2990, 3010)));
        List<AddressLookup> out = h.extractOutputValues();
        assertThat(out.subList(before, out.size()))
                .extracting(l -> l.sessionId() + " " + l.generation() + " " + l.address())
                .containsExactlyInAnyOrder("s1 1 100.64.0.1", "s1 1 100.64.0.9");
        h.close();
    }

    @Test
    void blocksOutsideThePortSpaceAreKeptForSessionsWithoutAPort() throws Exception {
        var h = harness(natHop());
        h.open();
        h.processElement2(new StreamRecord<>(block("inverted", "100.64.0.3", 4000, 3000)));
        h.processElement2(new StreamRecord<>(block("beyond", "100.64.0.4", 65_000, 70_000)));
        assertThat(asked(h, "s1", 3500)).containsExactly("radius " + PUBLIC);
        assertThat(asked(h, "s2", 65_535)).containsExactly("nat 100.64.0.4");
        assertThat(asked(h, "s3", null)).containsExactlyInAnyOrder("nat 100.64.0.3", "nat 100.64.0.4");
        h.close();
    }

    /** Keeps blocks as versions before 2026-12-07 did: all of an address's in one list, "port-blocks". */
    static final class UnrangedBlocks
            extends KeyedCoProcessFunction<String, SessionLookup, BindingEvent, AddressLookup> {
        private transient ValueState<List<BindingEvent>> blocks;

        @Override
        public void open(OpenContext context) {
            blocks = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("port-blocks", new ListTypeInfo<>(BindingEvent.class)));
        }

        @Override
        public void processElement1(SessionLookup s, Context ctx, Collector<AddressLookup> out) {}

        @Override
        public void processElement2(BindingEvent e, Context ctx, Collector<AddressLookup> out) throws Exception {
            List<BindingEvent> list = blocks.value() == null ? new java.util.ArrayList<>() : blocks.value();
            list.add(e);
            blocks.update(list);
        }
    }

    @Test
    void blocksAnEarlierVersionKeptInOneListAreFoundAfterARestart() throws Exception {
        var before = harness(new UnrangedBlocks());
        before.open();
        before.processElement2(new StreamRecord<>(block("wide", "100.64.0.1", 1000, 3100)));
        before.processElement2(new StreamRecord<>(block("narrow", "100.64.0.2", 5000, 5255)));
        OperatorSubtaskState checkpoint = before.snapshot(1, 1);
        before.close();

        var after = harness(natHop());
        after.initializeState(checkpoint);
        after.open();
        assertThat(asked(after, "s1", 3000)).containsExactly("nat 100.64.0.1");
        assertThat(asked(after, "s2", 5000)).containsExactly("nat 100.64.0.2");
        assertThat(asked(after, "s3", null)).containsExactlyInAnyOrder("nat 100.64.0.1", "nat 100.64.0.2");
        // moved, not copied: a replay of a moved block is recognised
        int seen = after.extractOutputValues().size();
        after.processElement2(new StreamRecord<>(block("narrow", "100.64.0.2", 5000, 5255)));
        assertThat(after.extractOutputValues()).hasSize(seen);
        after.close();
    }
}
