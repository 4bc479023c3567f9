package io.flowanalyzer.correlator.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The detectors stopped half-way through the planted traffic, their state (profiles and the sessions
 * still waiting for the watermark) snapshotted and restored into a new instance, as a job restarted from
 * its checkpoint is: what they write must be exactly what a run that never stopped writes.
 */
class DetectionRestartTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> harness(
            OperatorSubtaskState restored) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new InEventTimeOrderOperator<>(
                                new AnomalyDetection(IndexLayout.MONTH, DetectorSettings.defaults())),
                        Observation::subscriber,
                        Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    /** Feeds sessions in time order (shuffled within each hour) with a watermark ten minutes behind. */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> h,
            List<SessionRecord> sessions,
            List<String> written)
            throws Exception {
        long max = Long.MIN_VALUE;
        for (SessionRecord s : sessions) {
            h.processElement(new StreamRecord<>(Observation.of(s), s.timestamp().toEpochMilli()));
            max = Math.max(max, s.timestamp().toEpochMilli());
            h.processWatermark(new Watermark(max - 600_000));
        }
        collect(h, written);
    }

    private static void collect(
            KeyedOneInputStreamOperatorTestHarness<String, Observation, IndexAction> h, List<String> written) {
        for (IndexAction a : h.extractOutputValues()) {
            written.add(a.index() + "/" + a.id() + " " + new String(a.json(), StandardCharsets.UTF_8));
        }
        h.getOutput().clear();
    }

    @Test
    void aRestoredDetectorWritesWhatAnUninterruptedOneWrites() throws Exception {
        List<SessionRecord> sessions = new ArrayList<>(new PlantedAnomalies(7L).sessions);
        sessions.sort(Comparator.comparing(SessionRecord::timestamp).thenComparing(SessionRecord::id));
        int half = sessions.size() / 2;

        List<String> uninterrupted = new ArrayList<>();
        var whole = harness(null);
        feed(whole, sessions, uninterrupted);
        whole.processWatermark(new Watermark(Long.MAX_VALUE));
        collect(whole, uninterrupted);
        whole.close();

        List<String> resumed = new ArrayList<>();
        var first = harness(null);
        feed(first, sessions.subList(0, half), resumed);
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        first.close();
        List<String> afterRestore = new ArrayList<>();
        var second = harness(checkpoint);
        feed(second, sessions.subList(half, sessions.size()), afterRestore);
        second.processWatermark(new Watermark(Long.MAX_VALUE));
        collect(second, afterRestore);
        second.close();
        resumed.addAll(afterRestore);

        assertThat(uninterrupted).hasSizeGreaterThan(30);
        assertThat(resumed).isEqualTo(uninterrupted);

        // and without the restored state the second half alone cannot know the baselines
        List<String> forgetful = new ArrayList<>();
        var fresh = harness(null);
        feed(fresh, sessions.subList(half, sessions.size()), forgetful);
        fresh.processWatermark(new Watermark(Long.MAX_VALUE));
        collect(fresh, forgetful);
        fresh.close();
        assertThat(forgetful).isNotEqualTo(afterRestore);
    }
}
