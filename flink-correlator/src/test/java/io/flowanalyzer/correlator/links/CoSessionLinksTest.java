package io.flowanalyzer.correlator.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The links operator on its own: a replayed session links nothing twice, and links stopped half-way,
 * snapshotted and restored (a job restarted from its checkpoint) write exactly what an uninterrupted run
 * writes — the legs held before the stop still find the legs that come after it.
 */
class CoSessionLinksTest {
    private static final ReferenceCatalogue APPS = ReferenceCatalogue.of(RelayDay.appRanges());

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> harness(
            OperatorSubtaskState restored) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CoSessionLinks(LinkSettings.defaults())),
                        Observation::destinationIp,
                        Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static List<Observation> relaySessions() {
        List<Observation> out = new ArrayList<>();
        for (SessionRecord s : new RelayDay(20261201L).sessions) {
            Observation o = Observation.of(SessionEnrichment.enrich(s, APPS, null));
            if (LinkSettings.defaults().relays(o.category())) {
                out.add(o);
            }
        }
        return out;
    }

    private static TreeSet<String> feed(
            KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> h, List<Observation> sessions)
            throws Exception {
        for (Observation o : sessions) {
            h.processElement(new StreamRecord<>(o, o.at()));
        }
        TreeSet<String> written = new TreeSet<>();
        for (IndexAction a : h.extractOutputValues()) {
            written.add(a.id() + " " + new String(a.json(), StandardCharsets.UTF_8));
        }
        h.getOutput().clear();
        return written;
    }

    @Test
    void aReplayedSessionLinksNothingTwice() throws Exception {
        List<Observation> sessions = relaySessions();
        var h = harness(null);
        TreeSet<String> once = feed(h, sessions);
        assertThat(once).hasSize(25);
        assertThat(feed(h, sessions)).isEmpty();
        h.close();
    }

    @Test
    void restoredLinksWriteWhatAnUninterruptedRunWrites() throws Exception {
        List<Observation> sessions = relaySessions();
        var whole = harness(null);
        TreeSet<String> uninterrupted = feed(whole, sessions);
        whole.close();

        int half = sessions.size() / 2;
        var first = harness(null);
        TreeSet<String> resumed = feed(first, sessions.subList(0, half));
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        first.close();
        var second = harness(checkpoint);
        TreeSet<String> afterRestore = feed(second, sessions.subList(half, sessions.size()));
        second.close();
        resumed.addAll(afterRestore);
        assertThat(resumed).isEqualTo(uninterrupted).hasSize(25);

        // without the restored legs the second half finds fewer links
        var fresh = harness(null);
        TreeSet<String> forgetful = feed(fresh, sessions.subList(half, sessions.size()));
        fresh.close();
        assertThat(forgetful).isNotEqualTo(afterRestore);
        assertThat(afterRestore.size()).isGreaterThan(forgetful.size());
    }
}
