package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.bindings.AttributionPolicy;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The three attribution steps stopped half-way through a day, their state snapshotted and restored into
 * new instances (as a job restarted from its checkpoint is), and the rest of the day fed to them: the
 * documents must be exactly those of a run that never stopped.
 */
class AttributionRestartTest {
    static final AttributionPolicy POLICY = AttributionPolicy.defaults();

    /** The three steps wired by hand, each in a harness that can be snapshotted and restored. */
    static final class Steps {
        final KeyedTwoInputStreamOperatorTestHarness<String, SessionLookup, BindingEvent, AddressLookup> nat;
        final KeyedTwoInputStreamOperatorTestHarness<String, AddressLookup, RoutedBinding, LookupAnswer> radius;
        final KeyedTwoInputStreamOperatorTestHarness<String, SessionRecord, LookupAnswer, IndexAction> verdict;
        final List<IndexAction> written = new ArrayList<>();
        private int natSeen;
        private int radiusSeen;
        private int verdictSeen;

        Steps(OperatorSubtaskState[] restored) throws Exception {
            nat = new KeyedTwoInputStreamOperatorTestHarness<>(
                    new KeyedCoProcessOperator<>(new NatHop(POLICY, Duration.ofDays(3), Duration.ofDays(7))),
                    SessionLookup::address,
                    BindingEvent::publicIp,
                    Types.STRING);
            radius = new KeyedTwoInputStreamOperatorTestHarness<>(
                    new KeyedCoProcessOperator<>(new RadiusHop(POLICY, Duration.ofDays(3), Duration.ofDays(7))),
                    l -> AttributionRules.addressKey(l.address()),
                    RoutedBinding::key,
                    Types.STRING);
            verdict = new KeyedTwoInputStreamOperatorTestHarness<>(
                    new KeyedCoProcessOperator<>(new Verdict(
                            IndexLayout.MONTH,
                            Duration.ZERO,
                            Duration.ofDays(3),
                            io.flowanalyzer.correlator.enrichment.ReferenceFeed.of(java.util.List.of()))),
                    SessionRecord::id,
                    LookupAnswer::sessionId,
                    Types.STRING);
            if (restored != null) {
                nat.initializeState(restored[0]);
                radius.initializeState(restored[1]);
                verdict.initializeState(restored[2]);
            }
            nat.open();
            radius.open();
            verdict.open();
        }

        void session(SessionRecord s) throws Exception {
            verdict.processElement1(new StreamRecord<>(s));
            nat.processElement1(new StreamRecord<>(SessionLookup.of(s)));
            pump();
        }

        void evidence(NatBinding b) throws Exception {
            BindingEvent e = BindingEvent.of(b);
            if (AttributionRules.isTranslation(e)) {
                nat.processElement2(new StreamRecord<>(e));
            } else {
                for (RoutedBinding r : RoutedBinding.of(e)) {
                    radius.processElement2(new StreamRecord<>(r));
                }
            }
            pump();
        }

        /** Moves what each step emitted on to the next, until nothing moves. */
        private void pump() throws Exception {
            List<AddressLookup> lookups = nat.extractOutputValues();
            for (AddressLookup l : lookups.subList(natSeen, lookups.size())) {
                radius.processElement1(new StreamRecord<>(l));
            }
            natSeen = lookups.size();
            List<LookupAnswer> answers = radius.extractOutputValues();
            for (LookupAnswer a : answers.subList(radiusSeen, answers.size())) {
                verdict.processElement2(new StreamRecord<>(a));
            }
            radiusSeen = answers.size();
            List<IndexAction> out = verdict.extractOutputValues();
            written.addAll(out.subList(verdictSeen, out.size()));
            verdictSeen = out.size();
        }

        OperatorSubtaskState[] snapshot() throws Exception {
            return new OperatorSubtaskState[] {nat.snapshot(1, 1), radius.snapshot(1, 1), verdict.snapshot(1, 1)};
        }

        void close() throws Exception {
            nat.close();
            radius.close();
            verdict.close();
        }
    }

    /** The day's messages: evidence, sessions, then the late blocks. */
    static List<Object> input(CgnatDay day) {
        List<Object> all = new ArrayList<>(day.bindings);
        all.addAll(day.sessions);
        all.addAll(day.lateBindings);
        return all;
    }

    static void feed(Steps steps, List<Object> input) throws Exception {
        for (Object o : input) {
            if (o instanceof SessionRecord s) {
                steps.session(s);
            } else {
                steps.evidence((NatBinding) o);
            }
        }
    }

    @Test
    void restoredFromASnapshotMidwayItWritesExactlyWhatAnUninterruptedRunWrites() throws Exception {
        CgnatDay day = new CgnatDay(7L, 10);
        List<Object> input = input(day);
        Steps uninterrupted = new Steps(null);
        feed(uninterrupted, input);
        Map<String, ObjectNode> expected = AttributionJobTest.fold(uninterrupted.written);
        uninterrupted.close();

        // stop after the evidence and half the sessions; the late blocks are still to come
        int cut = day.bindings.size() + day.sessions.size() / 2;
        Steps first = new Steps(null);
        feed(first, input.subList(0, cut));
        OperatorSubtaskState[] checkpoint = first.snapshot();
        List<IndexAction> before = new ArrayList<>(first.written);
        first.close();

        Steps restarted = new Steps(checkpoint);
        // what came after the checkpoint is replayed: here a few messages before the cut come again
        feed(restarted, input.subList(cut - 5, input.size()));
        before.addAll(restarted.written);
        restarted.close();

        Map<String, ObjectNode> documents = AttributionJobTest.fold(before);
        assertThat(documents.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(documents.get(id)).as(id).isEqualTo(expected.get(id));
        }
        assertThat(expected).hasSize(day.sessions.size());
    }
}
