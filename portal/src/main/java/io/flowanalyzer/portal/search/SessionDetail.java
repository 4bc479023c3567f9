package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.deliveries.DeliveryView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * One session with everything an investigator needs to rely on it: every field, the raw delivered
 * line, the custody record of its delivery (file, SHA-256, line) and how its A-party was attributed,
 * with the NAT/RADIUS records that are the evidence.
 */
@Service
public class SessionDetail {
    /** Evidence records shown with a session; an attribution names a handful. */
    static final int MAX_EVIDENCE = 50;

    private final ElasticsearchClient client;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    private final io.flowanalyzer.portal.users.DataScope scope;
    private final io.flowanalyzer.portal.privacy.IdentifierMasking masking;

    public SessionDetail(
            ElasticsearchClient client,
            io.flowanalyzer.portal.audit.AuditTrail audit,
            io.flowanalyzer.portal.users.DataScope scope,
            io.flowanalyzer.portal.privacy.IdentifierMasking masking) {
        this.masking = masking;
        this.client = client;
        this.audit = audit;
        this.scope = scope;
    }

    /** A session, its delivery and its evidence. */
    public record View(
            String id,
            Map<String, Object> session,
            List<Field> fields,
            String raw,
            DeliveryView delivery,
            Long line,
            Long offset,
            String method,
            List<Candidate> candidates,
            List<Evidence> evidence,
            List<Flag> flags,
            List<Contact> contacts) {

        /** The A-party as a timeline's subject ({@code msisdn:…}, else IMSI, IMEI or subscriber id); null when none is named. */
        public String subject() {
            for (FilterKind kind :
                    List.of(FilterKind.MSISDN, FilterKind.IMSI, FilterKind.IMEI, FilterKind.SUBSCRIBER)) {
                String v = Documents.text(session, kind.fields().get(0));
                if (v != null && !v.isBlank()) {
                    return kind.key() + ":" + v;
                }
            }
            return null;
        }
    }

    public record Field(String name, String value) {}

    /**
     * A probable contact the correlator found for this session ({@code ipdr-links}): the other subscriber,
     * the relay both sessions reached, the other party's session (a link to open it) and why.
     */
    public record Contact(
            String link,
            String subscriber,
            String name,
            String isp,
            String relay,
            String app,
            String otherSession,
            String score,
            String reason) {}

    /** Probable contacts listed with a session; a session is one leg of a call, so a handful at most. */
    static final int MAX_CONTACTS = 20;

    /** A subscriber an ambiguous (or any) attribution found, with the private address and when it held it. */
    public record Candidate(String subscriber, String isp, String privateAddress, String from, String to) {}

    /** A NAT/RADIUS record behind an attribution, as the detail page lists it. */
    public record Evidence(
            String id,
            String time,
            String kind,
            String action,
            String privateAddress,
            String publicAddress,
            String subscriber,
            String isp,
            String source) {}

    public record Flag(String name, String reason, String score) {}

    public View find(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new NotFound("There is no session with the id '" + Filter.shorten(id) + "'.");
        }
        Map<String, Object> stored = one(Indices.SESSIONS_ALIAS, id);
        Map<String, Object> session = masking.current().document(stored);
        audit.record(
                "view_record",
                session == null ? "not_found" : "ok",
                id,
                "session " + id,
                session == null
                        ? Map.of()
                        : Map.of("delivery", String.valueOf(Documents.text(session, "ipdr.delivery.id"))));
        if (session == null) {
            throw new NotFound("There is no session with the id " + id + "; it may be outside the data you can see.");
        }
        String deliveryId = Documents.text(session, "ipdr.delivery.id");
        Map<String, Object> custody = deliveryId == null ? null : one(Indices.CUSTODY, deliveryId);
        List<String> evidenceIds = strings(Documents.at(session, "ipdr.attribution.evidence"));
        List<Candidate> candidates = new ArrayList<>();
        if (Documents.at(session, "ipdr.attribution.detail") instanceof List<?> detail) {
            for (Object d : detail) {
                if (d instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = (Map<String, Object>) m;
                    candidates.add(new Candidate(
                            first(
                                    Documents.text(c, "subscriber.msisdn"),
                                    Documents.text(c, "subscriber.subscriber_id")),
                            Documents.text(c, "isp"),
                            Column.address(Documents.text(c, "private_ip"), Documents.text(c, "private_port")),
                            Documents.text(c, "from"),
                            Documents.text(c, "to")));
                    evidenceIds.addAll(strings(c.get("evidence")));
                }
            }
        }
        List<Evidence> evidence =
                evidence(evidenceIds.stream().distinct().limit(MAX_EVIDENCE).toList());
        List<Flag> flags = new ArrayList<>();
        if (Documents.at(session, "ipdr.flags") instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof Map<?, ?> m) {
                    flags.add(new Flag(str(m.get("name")), str(m.get("reason")), str(m.get("score"))));
                }
            }
        }
        return new View(
                id,
                session,
                flatten(session),
                Documents.text(session, "event.original"),
                custody == null ? null : DeliveryView.of(custody),
                number(Documents.at(session, "ipdr.delivery.line")),
                number(Documents.at(session, "log.offset")),
                Documents.text(session, "ipdr.attribution.method"),
                candidates,
                evidence,
                flags,
                contacts(id));
    }

    /** The links that name this session, within what the user may see (both parties' records). */
    private List<Contact> contacts(String sessionId) {
        io.flowanalyzer.portal.privacy.Masker masker = masking.current();
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> found = client.search(
                    s -> s.index(Indices.LINKS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(MAX_CONTACTS)
                            .sort(so -> so.field(f -> f.field("link.score")
                                    .order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                            .query(scoped(
                                    Indices.LINKS,
                                    Query.of(q -> q.bool(b -> b.must(m -> m.term(t ->
                                                    t.field("link.sessions").value(sessionId)))
                                            .mustNot(Clauses.withdrawnLinks()))))),
                    Map.class);
            List<Contact> contacts = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : found.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = masker.document(hit.source());
                String other = sessionId.equals(Documents.text(d, "party_a.session.id")) ? "party_b" : "party_a";
                contacts.add(new Contact(
                        hit.id(),
                        first(
                                Documents.text(d, other + ".msisdn"),
                                first(Documents.text(d, other + ".subscriber_id"), Documents.text(d, other + ".imsi"))),
                        Documents.text(d, other + ".name"),
                        Documents.text(d, other + ".isp"),
                        Documents.text(d, "relay.ip"),
                        Documents.text(d, "relay.app"),
                        Documents.text(d, other + ".session.id"),
                        Documents.text(d, "link.score"),
                        Documents.text(d, "link.reason")));
            }
            return contacts;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** Every field of the document as {@code dotted.name = value}, sorted by name; lists of values joined. */
    static List<Field> flatten(Map<String, Object> doc) {
        TreeMap<String, String> flat = new TreeMap<>();
        flatten("", doc, flat);
        List<Field> fields = new ArrayList<>();
        flat.forEach((k, v) -> fields.add(new Field(k, v)));
        return fields;
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            if (list.stream().allMatch(v -> v instanceof Map<?, ?>)) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "[" + i + "]", list.get(i), out);
                }
            } else {
                out.put(
                        prefix,
                        String.join(", ", list.stream().map(String::valueOf).toList()));
            }
        } else if (value != null) {
            out.put(prefix, String.valueOf(value));
        }
    }

    private List<Evidence> evidence(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        io.flowanalyzer.portal.privacy.Masker masker = masking.current();
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> found = client.search(
                    s -> s.index(Indices.NAT_ALIAS)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(ids.size())
                            .query(scoped(Indices.NAT_ALIAS, Query.of(q -> q.ids(i -> i.values(ids))))),
                    Map.class);
            Map<String, Evidence> byId = new LinkedHashMap<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : found.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = masker.document(hit.source());
                String file = Documents.text(d, "log.file.path");
                String line = Documents.text(d, "ipdr.delivery.line");
                byId.put(
                        hit.id(),
                        new Evidence(
                                hit.id(),
                                Documents.text(d, "@timestamp"),
                                Documents.text(d, "ipdr.binding.kind"),
                                Documents.text(d, "event.action"),
                                Column.address(Documents.text(d, "source.ip"), Documents.text(d, "source.port")),
                                publicAddress(d),
                                first(
                                        Documents.text(d, "ipdr.a_party.msisdn"),
                                        Documents.text(d, "ipdr.a_party.subscriber_id")),
                                Documents.text(d, "ipdr.isp"),
                                file == null ? null : line == null ? file : file + ":" + line));
            }
            List<Evidence> ordered = new ArrayList<>();
            for (String id : ids) {
                Evidence e = byId.get(id);
                ordered.add(
                        e != null
                                ? e
                                : new Evidence(id, null, null, null, null, null, null, null, "not found in ipdr-nat"));
            }
            return ordered;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private static String publicAddress(Map<String, Object> d) {
        String ip = Documents.text(d, "source.nat.ip");
        String start = Documents.text(d, "ipdr.binding.port_start");
        String end = Documents.text(d, "ipdr.binding.port_end");
        if (ip != null && start != null && end != null) {
            return Column.address(ip, null) + ":" + start + "–" + end;
        }
        return Column.address(ip, Documents.text(d, "source.nat.port"));
    }

    private Map<String, Object> one(String index, String id) {
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> found = client.search(
                    s -> s.index(index)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(1)
                            .query(scoped(index, Query.of(q -> q.ids(i -> i.values(id))))),
                    Map.class);
            if (found.hits().hits().isEmpty()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = found.hits().hits().get(0).source();
            return source;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** {@code query} within what the current user may see of {@code index}. */
    private Query scoped(String index, Query query) {
        return scope.filter(index)
                .map(f -> Query.of(q -> q.bool(b -> b.must(query).filter(f))))
                .orElse(query);
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private static Long number(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    private static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** No such session (or not one the user may see): a 404 with a sentence. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
