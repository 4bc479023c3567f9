package io.flowanalyzer.correlator.links;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.detectors.Observation;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.RecordJson;
import java.time.Instant;

/**
 * Two subscribers' sessions that reached one relay together: a probable contact over an app whose
 * records name neither party to the other. {@code first} and {@code second} are ordered by subscriber,
 * so the same pair gives the same document whichever session arrived first.
 *
 * @param overlap the share of the sessions' combined time that both were open
 * @param together how long both were open, in milliseconds
 * @param volumeSimilarity how alike one side's upload and the other's download were; null when not reported
 */
public record ProbableContact(
        Observation first,
        Observation second,
        double score,
        double overlap,
        long together,
        long startGap,
        long endGap,
        Double volumeSimilarity,
        String reason) {

    public static final String KIND = "co_session";
    /** A link's status while its evidence stands. */
    public static final String PROBABLE = "probable";
    /** A link's status once a session it rests on no longer names its subscriber. */
    public static final String WITHDRAWN = "withdrawn";

    /** The link's id: the same for the same two sessions, however often they are seen. */
    public String id() {
        return RecordIds.forLink(first.id(), second.id());
    }

    /**
     * The {@code ipdr-links} document, written as an upsert of the correlator's own fields (what the
     * portal adds later, such as an investigator's review, survives a replay).
     */
    public IndexAction action(IndexLayout layout) {
        ObjectNode doc = RecordJson.mapper().createObjectNode();
        long start = Math.min(first.at(), second.at());
        long end = Math.max(first.end(), second.end());
        doc.put("@timestamp", Instant.ofEpochMilli(start).toString());
        ObjectNode event = doc.putObject("event");
        event.put("kind", "link");
        event.put("dataset", KIND);
        event.put("start", Instant.ofEpochMilli(start).toString());
        event.put("end", Instant.ofEpochMilli(end).toString());
        ObjectNode link = doc.putObject("link");
        link.put("id", id());
        link.put("kind", KIND);
        link.put("status", PROBABLE);
        link.putNull("withdrawn_reason");
        link.put("score", score);
        link.put("reason", reason);
        link.put("overlap", overlap);
        link.put("together_seconds", together / 1000);
        link.put("start_gap_seconds", startGap / 1000.0);
        link.put("end_gap_seconds", endGap / 1000.0);
        if (volumeSimilarity != null) {
            link.put("volume_similarity", volumeSimilarity);
        }
        ArrayNode sessions = link.putArray("sessions");
        sessions.add(first.id());
        sessions.add(second.id());
        ObjectNode relay = doc.putObject("relay");
        relay.put("ip", first.destinationIp());
        ArrayNode ports = relay.putArray("port");
        if (first.destinationPort() != null) {
            ports.add(first.destinationPort());
        }
        if (second.destinationPort() != null && !second.destinationPort().equals(first.destinationPort())) {
            ports.add(second.destinationPort());
        }
        String app = first.app() != null ? first.app() : second.app();
        if (app != null) {
            relay.put("app", app);
        }
        String category = first.category() != null ? first.category() : second.category();
        if (category != null) {
            relay.put("category", category);
        }
        party(doc.putObject("party_a"), first, layout);
        party(doc.putObject("party_b"), second, layout);
        return IndexAction.upsert(Indices.LINKS, id(), RecordJson.toBytes(doc));
    }

    /**
     * The update that withdraws link {@code id}: its document stays, for the record, with its status and
     * the reason; the portal no longer shows it as a contact.
     */
    public static IndexAction withdrawn(String id, String reason) {
        ObjectNode doc = RecordJson.mapper().createObjectNode();
        ObjectNode link = doc.putObject("link");
        link.put("status", WITHDRAWN);
        link.put("withdrawn_reason", reason);
        return IndexAction.upsert(Indices.LINKS, id, RecordJson.toBytes(doc));
    }

    /** One party: who, from which ISP, and the session that is their half of the evidence, with its custody. */
    private static void party(ObjectNode p, Observation o, IndexLayout layout) {
        put(p, "msisdn", o.msisdn());
        put(p, "imsi", o.imsi());
        put(p, "imei", o.imei());
        put(p, "subscriber_id", o.subscriberId());
        put(p, "name", o.name());
        put(p, "isp", o.isp());
        put(p, "attribution", o.method());
        ObjectNode s = p.putObject("session");
        s.put("id", o.id());
        s.put("index", layout.sessionsIndexFor(Instant.ofEpochMilli(o.at())));
        s.put("start", Instant.ofEpochMilli(o.at()).toString());
        s.put("end", Instant.ofEpochMilli(o.end()).toString());
        if (o.destinationPort() != null) {
            s.put("port", o.destinationPort());
        }
        if (o.up() >= 0) {
            s.put("bytes_up", o.up());
        }
        if (o.down() >= 0) {
            s.put("bytes_down", o.down());
        }
        if (o.deliveryId() != null) {
            ObjectNode d = s.putObject("delivery");
            d.put("id", o.deliveryId());
            if (o.deliveryLine() != null) {
                d.put("line", o.deliveryLine());
            }
        }
        if (o.fileSha256() != null) {
            s.putObject("file").putObject("hash").put("sha256", o.fileSha256());
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
