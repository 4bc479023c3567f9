package io.flowanalyzer.correlator.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.enrichment.SessionEnrichment;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
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

    private static KeyedOneInputStreamOperatorTestHarness<String, RelayHour, IndexAction> harness(
            OperatorSubtaskState restored) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RelayHour, IndexAction> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CoSessionLinks(IndexLayout.MONTH, LinkSettings.defaults())),
                        RelayHour::key,
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

    /** Each session to the hours the job sends it to. */
    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, RelayHour, IndexAction> h, List<Observation> sessions)
            throws Exception {
        long tolerance = LinkSettings.defaults().startTolerance().toMillis();
        for (Observation o : sessions) {
            List<RelayHour> hours = new ArrayList<>();
            RelayHour.route(
                    o,
                    RelayHour.bucket(tolerance),
                    tolerance,
                    new org.apache.flink.api.common.functions.util.ListCollector<>(hours));
            for (RelayHour hour : hours) {
                h.processElement(new StreamRecord<>(hour, o.at()));
            }
        }
    }

    private static TreeSet<String> feed(
            KeyedOneInputStreamOperatorTestHarness<String, RelayHour, IndexAction> h, List<Observation> sessions)
            throws Exception {
        send(h, sessions);
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

    @Test
    void twoLegsEitherSideOfAnHourAreLinkedOnceWhicheverArrivesFirst() throws Exception {
        // 04:59:56 and 05:00:03: the hours differ, the later leg is also compared in the hour before
        Observation before =
                CoSessionRuleTest.leg("s-a", "919800000001", -4_000, 300_000, 3478, 2_000_000L, 1_900_000L);
        Observation after = CoSessionRuleTest.leg("s-b", "919800000002", 3_000, 302_000, 3480, 1_950_000L, 2_000_000L);
        for (List<Observation> order : List.of(List.of(before, after), List.of(after, before))) {
            var h = harness(null);
            send(h, order);
            // written once, not once in each hour that holds both legs
            assertThat(h.extractOutputValues())
                    .extracting(IndexAction::id)
                    .containsExactly(io.flowanalyzer.model.RecordIds.forLink("s-a", "s-b"));
            h.close();
        }
    }

    @Test
    void anHoursSessionsAreForgottenARetentionAfterTheLastOneArrived() throws Exception {
        Observation first = CoSessionRuleTest.leg("s-a", "919800000001", 0, 300_000, 3478, 2_000_000L, 1_900_000L);
        Observation late = CoSessionRuleTest.leg("s-b", "919800000002", 2_000, 302_000, 3480, 1_950_000L, 2_000_000L);
        long retention = LinkSettings.defaults().retention().toMillis();

        var kept = harness(null);
        kept.setProcessingTime(0);
        feed(kept, List.of(first));
        kept.setProcessingTime(retention - 60_000); // the other ISP's leg, delivered almost three days later
        assertThat(feed(kept, List.of(late))).hasSize(1);
        kept.close();

        var forgotten = harness(null);
        forgotten.setProcessingTime(0);
        feed(forgotten, List.of(first));
        forgotten.setProcessingTime(retention + 120_000);
        assertThat(forgotten.numProcessingTimeTimers()).isZero();
        assertThat(feed(forgotten, List.of(late))).isEmpty();
        forgotten.close();
    }

    @Test
    void aLinkIsWithdrawnWhenItsSessionNoLongerNamesOneSubscriberAndWrittenAgainWhenItNamesAnother() throws Exception {
        Observation a = CoSessionRuleTest.leg("s-a", "919800000001", 0, 300_000, 3478, 2_000_000L, 1_900_000L);
        Observation b = CoSessionRuleTest.leg("s-b", "919800000002", 2_000, 302_000, 3480, 1_950_000L, 2_000_000L);
        String link = io.flowanalyzer.model.RecordIds.forLink("s-a", "s-b");
        var h = harness(null);
        send(h, List.of(a, b));
        assertThat(h.extractOutputValues()).extracting(IndexAction::id).containsExactly(link);
        h.getOutput().clear();

        // late evidence makes s-b ambiguous: the link is withdrawn, with why
        h.processElement(new StreamRecord<>(
                new RelayHour(0, null, new Reattributed("s-b", b.destinationIp(), b.at(), "messaging", null))));
        h.processElement(new StreamRecord<>(new RelayHour(
                Math.floorDiv(b.at(), RelayHour.HOUR_MILLIS),
                null,
                new Reattributed("s-b", b.destinationIp(), b.at(), "messaging", null))));
        IndexAction withdrawn = h.extractOutputValues().get(0);
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(withdrawn.id()).isEqualTo(link);
        assertThat(withdrawn.upsert()).isTrue();
        com.fasterxml.jackson.databind.JsonNode doc =
                io.flowanalyzer.model.RecordJson.mapper().readTree(withdrawn.json());
        assertThat(doc.at("/link/status").asText()).isEqualTo("withdrawn");
        assertThat(doc.at("/link/withdrawn_reason").asText())
                .isEqualTo("Session s-b no longer names one subscriber: later NAT/RADIUS evidence made its attribution"
                        + " ambiguous or unresolved.");
        h.getOutput().clear();

        // s-a attributed to someone else now: nothing to withdraw (its partner no longer holds), and s-b,
        // attributed again to a third subscriber, links with it afresh, naming whom it names now
        Observation bNow = CoSessionRuleTest.leg("s-b", "919800000003", 2_000, 302_000, 3480, 1_950_000L, 2_000_000L);
        send(h, List.of(bNow));
        IndexAction again = h.extractOutputValues().get(0);
        assertThat(again.id()).isEqualTo(link);
        com.fasterxml.jackson.databind.JsonNode relinked =
                io.flowanalyzer.model.RecordJson.mapper().readTree(again.json());
        assertThat(relinked.at("/link/status").asText()).isEqualTo("probable");
        assertThat(relinked.at("/party_b/msisdn").asText()).isEqualTo("919800000003");
        h.getOutput().clear();

        // s-b now named the same subscriber as s-a: one person does not call themself
        Observation bSame = CoSessionRuleTest.leg("s-b", "919800000001", 2_000, 302_000, 3480, 1_950_000L, 2_000_000L);
        h.processElement(new StreamRecord<>(new RelayHour(
                Math.floorDiv(b.at(), RelayHour.HOUR_MILLIS),
                null,
                new Reattributed("s-b", b.destinationIp(), b.at(), "messaging", bSame))));
        assertThat(h.extractOutputValues()).singleElement().satisfies(w -> assertThat(
                        io.flowanalyzer.model.RecordJson.mapper()
                                .readTree(w.json())
                                .at("/link/withdrawn_reason")
                                .asText())
                .isEqualTo("Session s-b is now attributed to msisdn:919800000001, the same subscriber as the other"
                        + " session."));
        h.close();
    }
}
