package io.flowanalyzer.correlator.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.correlator.CorrelatorJobTest;
import io.flowanalyzer.correlator.enrichment.ReferenceFeed;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.RecordJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detectors in the whole job over three days of ordinary traffic with planted anomalies: every plant
 * is found, few ordinary sessions are flagged (precision and recall per flag are printed for the note),
 * and the flags do not depend on arrival order or parallelism.
 */
class AnomalyJobTest {
    private static PlantedAnomalies traffic;

    @BeforeAll
    static void generate() {
        traffic = new PlantedAnomalies(20261124L);
    }

    /** Runs the job and returns, per session, the names of the flags its last flag update carries. */
    static Map<String, Set<String>> run(List<KafkaMessage> input, int parallelism) throws Exception {
        List<IndexAction> written = CorrelatorJobTest.run(
                input, Map.of("parallelism", String.valueOf(parallelism)), ReferenceFeed.of(List.of()));
        Map<String, Set<String>> flagged = new TreeMap<>();
        for (IndexAction a : written) {
            if (a.partial() && a.index().startsWith("ipdr-sessions-")) {
                JsonNode flags = RecordJson.mapper().readTree(a.json()).at("/ipdr/flags");
                Set<String> names = new TreeSet<>();
                flags.forEach(f -> names.add(f.get("name").asText()));
                flagged.put(a.id(), names);
            }
        }
        return flagged;
    }

    static List<KafkaMessage> messages(boolean reversed) {
        List<KafkaMessage> messages = new ArrayList<>();
        traffic.sessions.forEach(s -> messages.add(new KafkaMessage("ipdr.records", s.id(), RecordJson.toBytes(s))));
        if (reversed) {
            java.util.Collections.reverse(messages);
        }
        return messages;
    }

    @Test
    void everyPlantedAnomalyIsFlaggedWithFewFalseFlags() throws Exception {
        Map<String, Set<String>> flagged = run(messages(false), 1);
        for (String flag : List.of(
                Detectors.VOLUME,
                Detectors.UNUSUAL_HOUR,
                Detectors.FAN_OUT,
                Detectors.IMPOSSIBLE_TRAVEL,
                Detectors.BEACONING,
                Detectors.HANDSET_SWAP,
                Detectors.SIM_SWAP)) {
            Set<String> rightly = traffic.truth.get(flag);
            long raised =
                    flagged.values().stream().filter(n -> n.contains(flag)).count();
            long correct = flagged.entrySet().stream()
                    .filter(e -> e.getValue().contains(flag) && rightly.contains(e.getKey()))
                    .count();
            long found = traffic.plants.get(flag).stream()
                    .filter(plant -> plant.stream()
                            .anyMatch(id -> flagged.getOrDefault(id, Set.of()).contains(flag)))
                    .count();
            double precision = raised == 0 ? 0 : correct / (double) raised;
            double recall = found / (double) traffic.plants.get(flag).size();
            System.out.printf(
                    "[measure] %-17s planted %d, found %d (recall %.2f); raised %d, %d on planted sessions (precision %.2f)"
                            + " over %,d sessions%n",
                    flag,
                    traffic.plants.get(flag).size(),
                    found,
                    recall,
                    raised,
                    correct,
                    precision,
                    traffic.sessions.size());
            flagged.entrySet().stream()
                    .filter(e -> e.getValue().contains(flag) && !rightly.contains(e.getKey()))
                    .forEach(e -> System.out.printf(
                            "[measure]   %s also raised on %s%n", flag, traffic.describe(e.getKey())));
            assertThat(recall).as(flag + " recall").isEqualTo(1.0);
            assertThat(precision).as(flag + " precision").isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void theFlagsDoNotDependOnArrivalOrderOrParallelism() throws Exception {
        Map<String, Set<String>> inOrder = run(messages(false), 1);
        Map<String, Set<String>> reversed = run(messages(true), 2);
        assertThat(reversed).isEqualTo(inOrder).isNotEmpty();
    }
}
