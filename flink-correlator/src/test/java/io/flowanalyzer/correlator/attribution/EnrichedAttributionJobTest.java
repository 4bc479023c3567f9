package io.flowanalyzer.correlator.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.alerts.SessionAlerts;
import io.flowanalyzer.correlator.enrichment.ReferenceFeed;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.reference.ReferenceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrichment in the whole job over the CGNAT day: the subscriber directory names the person attribution
 * found (also when late evidence attributes a session afterwards), the B-party's app is the one its
 * range had at the session's own time, and the watch-listed B-party flags every session that reached it.
 */
class EnrichedAttributionJobTest {
    private static final Instant NOON = CgnatDay.at(12 * 3600);
    private static CgnatDay day;
    private static ReferenceFeed reference;

    @BeforeAll
    static void generate() {
        day = new CgnatDay(20261124L, 6);
        AttributionJobTest.day = day;
        List<ReferenceEntry> entries = new ArrayList<>();
        for (int k = 1; k <= 2 * CgnatDay.PRIVATES; k++) {
            String msisdn = CgnatDay.morningMsisdn(k); // k > 12 are the afternoon holders
            entries.add(ReferenceEntry.subscriber(
                    "SUB-" + k, msisdn, null, null, "Person " + k, k + " Station Road", "subscribers.csv:" + (k + 1)));
        }
        entries.add(ReferenceEntry.app("192.0.2.0/24", "OldChat", "messaging", null, NOON, "apps.csv:2"));
        entries.add(ReferenceEntry.app("192.0.2.0/25", "NewChat", "messaging", NOON, null, "apps.csv:3"));
        entries.add(ReferenceEntry.watch("case-7", "192.0.2.80", "relay seen in case 7", 0.6, null, null, "w.csv:2"));
        reference = ReferenceFeed.of(entries);
    }

    /** The alert documents as Elasticsearch holds them after the upserts: later fields merged over earlier ones. */
    private static Map<String, ObjectNode> alerts() {
        Map<String, ObjectNode> alerts = new java.util.LinkedHashMap<>();
        for (IndexAction a : AttributionJobTest.WRITTEN) {
            if (!a.index().equals("ipdr-alerts")) {
                continue;
            }
            assertThat(a.upsert()).isTrue();
            try {
                ObjectNode fields = (ObjectNode) RecordJson.mapper().readTree(a.json());
                ObjectNode doc =
                        alerts.computeIfAbsent(a.id(), id -> RecordJson.mapper().createObjectNode());
                merge(doc, fields);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return alerts;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(f -> {
            if (f.getValue().isObject() && into.get(f.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) f.getValue());
            } else {
                into.set(f.getKey(), f.getValue());
            }
        });
    }

    @Test
    void theDirectoryNamesWhoAttributionFoundAndAppsAndWatchListsApplyAtTheSessionsTime() throws Exception {
        Map<String, ObjectNode> documents = AttributionJobTest.run(AttributionJobTest.messages(true), 2, reference);
        AttributionJobTest.assertGroundTruth(documents);
        Map<String, ObjectNode> alerts = alerts();
        int named = 0;
        for (SessionRecord s : day.sessions) {
            JsonNode ipdr = documents.get(s.id()).get("ipdr");
            String why = s.id() + " at " + s.timestamp() + " → " + ipdr;
            String method = ipdr.get("attribution").get("method").asText();
            if (method.equals("nat") || method.equals("radius")) {
                String msisdn = ipdr.get("a_party").get("msisdn").asText();
                int k = Integer.parseInt(msisdn.substring(msisdn.length() - 2));
                // the framed-IP and IPv6-prefix subscribers are not in the directory
                if (msisdn.startsWith("91980000009") || msisdn.startsWith("91980000007")) {
                    assertThat(ipdr.get("a_party").has("name")).as(why).isFalse();
                } else {
                    assertThat(ipdr.get("a_party").get("name").asText()).as(why).isEqualTo("Person " + k);
                    assertThat(ipdr.get("a_party").get("subscriber_id").asText())
                            .as(why)
                            .isEqualTo("SUB-" + k);
                    assertThat(ipdr.get("a_party").get("address").asText())
                            .as(why)
                            .isEqualTo(k + " Station Road");
                    named++;
                }
            } else {
                assertThat(ipdr.has("a_party")).as(why).isFalse();
            }
            String app = s.timestamp().isBefore(NOON) ? "OldChat" : "NewChat";
            assertThat(ipdr.get("b_party").get("app").asText()).as(why).isEqualTo(app);
            assertThat(ipdr.get("flags")).as(why).hasSize(1);
            assertThat(ipdr.get("flags").get(0).get("name").asText()).isEqualTo("watch_list");
            assertThat(ipdr.get("flags").get(0).get("reason").asText())
                    .isEqualTo(
                            "destination 192.0.2.80 is on watch list 'case-7': relay seen in case 7 (192.0.2.80/32)");
            assertThat(ipdr.get("risk_score").asDouble()).isEqualTo(0.6);

            // its firing in ipdr-alerts names the same A-party as the session, also after a late attribution
            SessionRecord.Flag flag =
                    RecordJson.mapper().treeToValue(ipdr.get("flags").get(0), SessionRecord.Flag.class);
            ObjectNode alert = alerts.remove(SessionAlerts.id(s.id(), flag));
            assertThat(alert).as(why).isNotNull();
            assertThat(alert.at("/session/id").asText()).isEqualTo(s.id());
            assertThat(alert.at("/rule/name").asText()).isEqualTo("watch_list");
            // scoped like its session: the same delivery and file
            assertThat(alert.at("/ipdr/delivery/id").asText()).isEqualTo(CgnatDay.SERVER_LOG_DELIVERY);
            assertThat(alert.at("/file/hash/sha256").asText()).isEqualTo(CgnatDay.SERVER_LOG_SHA256);
            assertThat(alert.at("/ipdr/attribution/method").asText()).as(why).isEqualTo(method);
            assertThat(alert.at("/ipdr/a_party/msisdn").asText(""))
                    .as(why)
                    .isEqualTo(ipdr.at("/a_party/msisdn").asText(""));
        }
        assertThat(alerts).as("one firing per flagged session, no more").isEmpty();
        long inDirectory = day.expected.values().stream()
                .filter(e -> e.method().equals("nat") || e.method().equals("radius"))
                .filter(e -> !e.msisdns().iterator().next().startsWith("91980000009")
                        && !e.msisdns().iterator().next().startsWith("91980000007"))
                .count();
        assertThat(named).isEqualTo(inDirectory).isPositive();
    }
}
