package io.flowanalyzer.correlator.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowanalyzer.correlator.CorrelatorJobTest;
import io.flowanalyzer.correlator.enrichment.ReferenceFeed;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Co-session links in the whole job over a day of relay traffic with planted calls ({@link RelayDay}):
 * every planted call is linked, with its evidence, few other pairs are (precision and recall printed for
 * the note), and the links do not depend on arrival order or parallelism.
 */
class CoSessionLinksJobTest {
    private static RelayDay day;

    @BeforeAll
    static void generate() {
        day = new RelayDay(20261201L);
    }

    /** Runs the job and returns the link documents it writes, by id. */
    static Map<String, String> run(List<KafkaMessage> input, int parallelism) throws Exception {
        List<IndexAction> written = CorrelatorJobTest.run(
                input, Map.of("parallelism", String.valueOf(parallelism)), ReferenceFeed.of(RelayDay.appRanges()));
        Map<String, String> links = new TreeMap<>();
        for (IndexAction a : written) {
            if (a.index().equals(Indices.LINKS)) {
                assertThat(a.upsert()).isTrue();
                String json = new String(a.json(), StandardCharsets.UTF_8);
                String before = links.put(a.id(), json);
                assertThat(before)
                        .as("a link written again is written the same")
                        .isIn(null, json);
            }
        }
        return links;
    }

    static List<KafkaMessage> messages(boolean reversed) {
        List<KafkaMessage> messages = new ArrayList<>();
        day.sessions.forEach(s -> messages.add(new KafkaMessage("ipdr.records", s.id(), RecordJson.toBytes(s))));
        if (reversed) {
            java.util.Collections.reverse(messages);
        }
        return messages;
    }

    @Test
    void everyPlantedCallIsLinkedWithItsEvidenceAndFewOtherPairsAre() throws Exception {
        Map<String, String> links = run(messages(false), 1);
        long correct = links.keySet().stream().filter(day.calls::contains).count();
        double recall = correct / (double) day.calls.size();
        double precision = links.isEmpty() ? 0 : correct / (double) links.size();
        System.out.printf(
                "[measure] co_session links: planted %d calls, found %d (recall %.2f); %d links written, %d right"
                        + " (precision %.2f) over %,d sessions%n",
                day.calls.size(), correct, recall, links.size(), correct, precision, day.sessions.size());
        links.entrySet().stream()
                .filter(e -> !day.calls.contains(e.getKey()))
                .forEach(e -> System.out.printf("[measure]   also linked: %s%n", e.getValue()));
        assertThat(recall).isEqualTo(1.0);
        assertThat(precision).isGreaterThanOrEqualTo(0.9);

        Map<String, SessionRecord> byId = new TreeMap<>();
        day.sessions.forEach(s -> byId.put(s.id(), s));
        for (String id : day.calls) {
            JsonNode link = RecordJson.mapper().readTree(links.get(id));
            SessionRecord a = byId.get(link.at("/party_a/session/id").asText());
            SessionRecord b = byId.get(link.at("/party_b/session/id").asText());
            // both parties, ordered by who they are, with their halves of the evidence and its custody
            assertThat(link.at("/party_a/msisdn").asText())
                    .isEqualTo(a.ipdr().aParty().msisdn());
            assertThat(link.at("/party_b/msisdn").asText())
                    .isEqualTo(b.ipdr().aParty().msisdn());
            assertThat(a.ipdr().aParty().msisdn()).isLessThan(b.ipdr().aParty().msisdn());
            assertThat(link.at("/party_a/isp").asText()).isEqualTo(a.ipdr().isp());
            assertThat(link.at("/party_a/session/file/hash/sha256").asText())
                    .isEqualTo(a.file().hash().sha256());
            assertThat(link.at("/party_b/session/delivery/id").asText())
                    .isEqualTo(b.ipdr().delivery().id());
            assertThat(link.at("/party_a/session/index").asText())
                    .isEqualTo(IndexLayout.MONTH.sessionsIndexFor(a.timestamp()));
            assertThat(link.at("/relay/ip").asText()).isEqualTo(a.destination().ip());
            assertThat(link.at("/relay/app").asText()).isIn("WhatsApp", "Telegram");
            assertThat(link.at("/relay/category").asText()).isEqualTo("messaging");
            assertThat(link.at("/link/sessions").toString()).isEqualTo("[\"" + a.id() + "\",\"" + b.id() + "\"]");
            assertThat(link.at("/@timestamp").asText())
                    .isEqualTo(min(a.timestamp(), b.timestamp()).toString());
            assertThat(link.at("/link/reason").asText()).startsWith("Both reached ");
            if (a.source().bytes() == null) {
                // the planted call without volumes: linked on timing alone, at a lower score
                assertThat(link.at("/link/volume_similarity").isMissingNode()).isTrue();
                assertThat(link.at("/link/score").asDouble()).isLessThanOrEqualTo(0.8);
                assertThat(link.at("/link/reason").asText()).contains("volume not reported by both");
            } else {
                assertThat(link.at("/link/volume_similarity").asDouble()).isGreaterThanOrEqualTo(0.9);
                assertThat(link.at("/link/score").asDouble()).isGreaterThanOrEqualTo(0.8);
            }
        }
    }

    @Test
    void theLinksDoNotDependOnArrivalOrderOrParallelism() throws Exception {
        Map<String, String> inOrder = run(messages(false), 1);
        Map<String, String> reversed = run(messages(true), 2);
        assertThat(reversed).isEqualTo(inOrder).isNotEmpty();
    }

    private static java.time.Instant min(java.time.Instant a, java.time.Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
