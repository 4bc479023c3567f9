package io.flowanalyzer.correlator.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.SessionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Every flag on a session is a firing, written to {@code ipdr-alerts}: one document per session and flag
 * (its id derived from both, so a replay or a re-delivery writes the same one), with the session's id,
 * time, parties and attribution. Written as upserts of the correlator's own fields only, so that what
 * the portal adds to an alert (status, assignee) survives replays and later attribution.
 */
public final class SessionAlerts {
    private SessionAlerts() {}

    /** The id of the firing of {@code flag} on session {@code sessionId}. */
    public static String id(String sessionId, SessionRecord.Flag flag) {
        return RecordIds.sha256Hex(sessionId + "\u001f" + flag.name() + "\u001f" + flag.reason())
                .substring(0, 32);
    }

    /** The firings of every flag of {@code session}, as written in the session index {@code sessionIndex}. */
    public static List<IndexAction> firings(SessionRecord session, String sessionIndex) {
        SessionRecord.Ipdr ipdr = session.ipdr();
        if (ipdr == null || ipdr.flags() == null || ipdr.flags().isEmpty()) {
            return List.of();
        }
        ObjectMapper json = RecordJson.mapper();
        List<IndexAction> firings = new ArrayList<>(ipdr.flags().size());
        for (SessionRecord.Flag flag : ipdr.flags()) {
            String id = id(session.id(), flag);
            ObjectNode doc = json.createObjectNode();
            doc.set("@timestamp", json.valueToTree(session.timestamp()));
            doc.putObject("event").put("id", id).put("kind", "alert").put("dataset", "correlator");
            doc.putObject("rule").put("name", flag.name());
            ObjectNode alert = doc.putObject("alert").put("reason", flag.reason());
            if (flag.score() != null) {
                alert.put("score", flag.score());
            }
            doc.putObject("session").put("id", session.id()).put("index", sessionIndex);
            if (session.source() != null) {
                doc.set("source", json.valueToTree(session.source()));
            }
            if (session.destination() != null) {
                doc.set("destination", json.valueToTree(session.destination()));
            }
            ObjectNode i = doc.putObject("ipdr");
            i.set("a_party", json.valueToTree(ipdr.aParty()));
            i.set("b_party", json.valueToTree(ipdr.bParty()));
            i.put("isp", ipdr.isp()).put("feed", ipdr.feed());
            i.putObject("attribution")
                    .put(
                            "method",
                            ipdr.attribution() == null
                                    ? null
                                    : ipdr.attribution().method());
            if (ipdr.riskScore() != null) {
                i.put("risk_score", ipdr.riskScore());
            }
            // the session's custody, so an alert is scoped like its session (ISP, tagged files)
            if (ipdr.delivery() != null) {
                i.set("delivery", json.valueToTree(ipdr.delivery()));
            }
            if (session.file() != null) {
                doc.set("file", json.valueToTree(session.file()));
            }
            firings.add(IndexAction.upsert(Indices.ALERTS, id, RecordJson.toBytes(doc)));
        }
        return firings;
    }

    /** Brings the firings {@code alertIds} up to date with whom the session is now attributed to. */
    public static List<IndexAction> attributed(
            List<String> alertIds, SessionRecord.AParty party, SessionRecord.Attribution attribution) {
        if (alertIds == null || alertIds.isEmpty()) {
            return List.of();
        }
        ObjectMapper json = RecordJson.mapper();
        ObjectNode doc = json.createObjectNode();
        ObjectNode ipdr = doc.putObject("ipdr");
        ipdr.set("a_party", json.valueToTree(party)); // null clears what an earlier answer filled
        ipdr.putObject("attribution").put("method", attribution == null ? null : attribution.method());
        byte[] fields = RecordJson.toBytes(doc);
        return alertIds.stream()
                .map(id -> IndexAction.upsert(Indices.ALERTS, id, fields))
                .toList();
    }

    /** The firing ids of the session's flags, in flag order. */
    public static List<String> ids(SessionRecord session) {
        if (session.ipdr() == null || session.ipdr().flags() == null) {
            return List.of();
        }
        return session.ipdr().flags().stream().map(f -> id(session.id(), f)).toList();
    }
}
