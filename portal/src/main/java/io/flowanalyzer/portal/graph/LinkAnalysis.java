package io.flowanalyzer.portal.graph;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The link-analysis questions, answered exhaustively: composite aggregations page through every
 * B-party (or A-party) of the search, so a contact shared by two suspects over a single session is
 * found however busy the rest of the search is.
 */
@Service
public class LinkAnalysis {
    private final PartyGraph graph;
    private final SessionQueries queries;
    private final GraphProperties properties;

    public LinkAnalysis(PartyGraph graph, SessionQueries queries, GraphProperties properties) {
        this.graph = graph;
        this.queries = queries;
        this.properties = properties;
    }

    /** One selected party's part in a shared contact. */
    public record Share(String party, long sessions, String first, String last) {}

    /** A B-party reached by two or more of the selected subscribers, with each one's sessions. */
    public record Contact(String contact, String filter, long sessions, List<Share> parties) {}

    /** The answer: the parties asked about, the contacts they share (most shared first) and the B-parties looked at. */
    public record Common(List<String> parties, String group, List<Contact> contacts, long contactsExamined) {}

    /** A subscriber who reached the B-party. */
    public record Caller(String party, String filter, long sessions, long bytes, String first, String last) {}

    public record Callers(String contact, String group, List<Caller> parties) {}

    /**
     * The B-parties that two or more of {@code msisdns} reached within the search (query, chips, time
     * range and the user's scope), every one of them.
     */
    public Common commonContacts(SessionQuery q, List<String> msisdns, Grouping group) {
        Map<String, String> partyOfForm = parties(msisdns);
        List<String> parties = new ArrayList<>(new LinkedHashSet<>(partyOfForm.values()));
        if (parties.size() < 2) {
            throw new InvalidSearch("Name two or more subscribers (MSISDNs) to find the contacts they share.");
        }
        Query query = Query.of(x -> x.bool(b -> b.filter(queries.build(q))
                .filter(f -> f.terms(t -> t.field(PartyGraph.A_FIELD)
                        .terms(v -> v.value(partyOfForm.keySet().stream()
                                .map(co.elastic.clients.elasticsearch._types.FieldValue::of)
                                .toList()))))));
        Map<String, Aggregation> sub = new LinkedHashMap<>();
        sub.put("a", Aggregation.of(a -> a.terms(
                        t -> t.field(PartyGraph.A_FIELD).size(partyOfForm.size()))
                .aggregations(PartyGraph.linkMeasures())));
        List<Contact> contacts = new ArrayList<>();
        long[] examined = {0};
        graph.everyBucket(query, List.of(PartyGraph.source("b", group.field())), sub, bucket -> {
            examined[0]++;
            Map<String, Share> shares = new LinkedHashMap<>();
            for (PartyGraph.Bucket a : PartyGraph.buckets(bucket.aggregations().get("a"))) {
                String party = partyOfForm.getOrDefault(a.key(), a.key());
                PartyGraph.Link l = PartyGraph.link(party, "", a.aggregations(), a.count());
                shares.merge(party, new Share(party, l.sessions(), l.first(), l.last()), LinkAnalysis::merge);
            }
            if (shares.size() >= 2) {
                String contact = PartyGraph.key(bucket.key().get("b"));
                List<Share> each = new ArrayList<>(shares.values());
                each.sort(Comparator.comparing(Share::party));
                contacts.add(new Contact(
                        contact, new Filter(group.filter(), contact, false).param(), bucket.docCount(), each));
            }
        });
        contacts.sort(Comparator.comparingInt((Contact c) -> -c.parties().size())
                .thenComparingLong(c -> -c.sessions())
                .thenComparing(Contact::contact));
        return new Common(parties, group.key(), contacts, examined[0]);
    }

    /** Every subscriber who reached {@code contact} within the search (its time range is the window). */
    public Callers callers(SessionQuery q, String contact, Grouping group) {
        if (contact == null || contact.isBlank()) {
            throw new InvalidSearch("Name the B-party (an address, app or network) whose callers you want.");
        }
        Filter b = Filter.parse(group.filter().key() + ":" + contact);
        Query query = Query.of(x -> x.bool(f -> f.filter(queries.build(q)).filter(queries.clause(b))));
        io.flowanalyzer.portal.privacy.Masker masker = graph.masker();
        List<Caller> callers = new ArrayList<>();
        graph.everyBucket(
                query, List.of(PartyGraph.source("a", PartyGraph.A_FIELD)), PartyGraph.linkMeasures(), bucket -> {
                    String party = PartyGraph.key(bucket.key().get("a"));
                    PartyGraph.Link l = PartyGraph.link(party, b.value(), bucket.aggregations(), bucket.docCount());
                    callers.add(new Caller(
                            masker.value(party),
                            masker.active() ? null : new Filter(FilterKind.MSISDN, party, false).param(),
                            l.sessions(),
                            l.bytes(),
                            l.first(),
                            l.last()));
                });
        callers.sort(Comparator.comparingLong((Caller c) -> -c.sessions()).thenComparing(Caller::party));
        return new Callers(b.value(), group.key(), callers);
    }

    /** One step of a chain: from a party to the next, with the sessions between them. */
    public record Step(String from, String to, long sessions, String first, String last) {}

    /**
     * The shortest chain between two parties through shared contacts: {@code steps} from {@code from} to
     * {@code to} (empty when none within {@code maxHops} links), and how many parties were reached.
     */
    public record Chain(String from, String to, String group, List<Step> steps, int reached, String note) {}

    /**
     * The shortest chain of links between two parties ({@code a:<msisdn>} or {@code b:<B-party>}) within
     * the search: a breadth-first search from both ends at once, each step one exhaustive aggregation of
     * the links of the whole frontier.
     */
    public Chain chain(SessionQuery q, String from, String to, Grouping group, int maxHops) {
        graph.masker().requireIdentifiers("A chain between subscribers is followed by their MSISDNs");
        String start = party(from);
        String end = party(to);
        if (start.equals(end)) {
            throw new InvalidSearch("A chain needs two different parties.");
        }
        Query base = queries.build(q);
        Map<String, String> parentOfStart = new HashMap<>(Map.of(start, ""));
        Map<String, String> parentOfEnd = new HashMap<>(Map.of(end, ""));
        Map<String, PartyGraph.Link> between = new HashMap<>();
        Set<String> frontStart = new LinkedHashSet<>(Set.of(start));
        Set<String> frontEnd = new LinkedHashSet<>(Set.of(end));
        for (int hops = 0; hops < maxHops && !frontStart.isEmpty() && !frontEnd.isEmpty(); hops++) {
            // grow the smaller side: fewer parties to ask about
            boolean fromStart = frontStart.size() <= frontEnd.size();
            Set<String> front = fromStart ? frontStart : frontEnd;
            Map<String, String> parents = fromStart ? parentOfStart : parentOfEnd;
            Map<String, String> others = fromStart ? parentOfEnd : parentOfStart;
            Set<String> next = new LinkedHashSet<>();
            String meet = null;
            for (PartyGraph.Link l : neighbours(base, front, group)) {
                String near = front.contains(l.a()) ? l.a() : l.b();
                String far = near.equals(l.a()) ? l.b() : l.a();
                between.putIfAbsent(l.a() + "|" + l.b(), l);
                if (!parents.containsKey(far)) {
                    parents.put(far, near);
                    next.add(far);
                }
                if (meet == null && others.containsKey(far)) {
                    meet = far;
                }
            }
            if (meet != null) {
                List<String> path = new ArrayList<>();
                for (String p = meet; !p.isEmpty(); p = parentOfStart.get(p)) {
                    path.add(0, p);
                }
                for (String p = parentOfEnd.get(meet); !p.isEmpty(); p = parentOfEnd.get(p)) {
                    path.add(p);
                }
                List<Step> steps = new ArrayList<>();
                for (int i = 0; i + 1 < path.size(); i++) {
                    String x = path.get(i);
                    String y = path.get(i + 1);
                    PartyGraph.Link l = x.startsWith("a:") ? between.get(x + "|" + y) : between.get(y + "|" + x);
                    steps.add(new Step(x, y, l.sessions(), l.first(), l.last()));
                }
                return new Chain(start, end, group.key(), steps, parentOfStart.size() + parentOfEnd.size(), null);
            }
            if (fromStart) {
                frontStart = next;
            } else {
                frontEnd = next;
            }
            if (parentOfStart.size() + parentOfEnd.size() > properties.maxChainParties()) {
                return new Chain(
                        start,
                        end,
                        group.key(),
                        List.of(),
                        parentOfStart.size() + parentOfEnd.size(),
                        "The search reached more than " + String.format("%,d", properties.maxChainParties())
                                + " parties without joining the two; narrow it (a shorter time range, fewer apps).");
            }
        }
        return new Chain(
                start,
                end,
                group.key(),
                List.of(),
                parentOfStart.size() + parentOfEnd.size(),
                "No chain of at most " + maxHops + " links joins the two in this search.");
    }

    /** Every link of the parties in {@code front} (all A-parties or all B-parties), as {@code a:…} / {@code b:…}. */
    private List<PartyGraph.Link> neighbours(Query base, Set<String> front, Grouping group) {
        List<PartyGraph.Link> found = new ArrayList<>();
        for (List<String> batch : batches(new ArrayList<>(front), 1000)) {
            boolean parties = batch.get(0).startsWith("a:");
            List<co.elastic.clients.elasticsearch._types.FieldValue> values = new ArrayList<>();
            for (String id : batch) {
                String v = id.substring(2);
                if (parties) {
                    queries.msisdnForms(v)
                            .forEach(f -> values.add(co.elastic.clients.elasticsearch._types.FieldValue.of(f)));
                } else {
                    values.add(co.elastic.clients.elasticsearch._types.FieldValue.of(v));
                }
            }
            String field = parties ? PartyGraph.A_FIELD : group.field();
            Query query = Query.of(x -> x.bool(
                    b -> b.filter(base).filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(values))))));
            graph.everyBucket(
                    query,
                    List.of(PartyGraph.source("a", PartyGraph.A_FIELD), PartyGraph.source("b", group.field())),
                    PartyGraph.linkMeasures(),
                    bucket -> found.add(PartyGraph.link(
                            "a:" + international(PartyGraph.key(bucket.key().get("a"))),
                            "b:" + PartyGraph.key(bucket.key().get("b")),
                            bucket.aggregations(),
                            bucket.docCount())));
        }
        return found;
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** A party as the graph names it: {@code a:<msisdn>} (canonical digits) or {@code b:<value>}. */
    private String party(String id) {
        if (id == null || !(id.startsWith("a:") || id.startsWith("b:")) || id.length() < 3) {
            throw new InvalidSearch("Name each end of a chain as a:<MSISDN> or b:<B-party>, as the graph names nodes.");
        }
        return id.startsWith("a:")
                ? "a:" + international(Filter.parse("msisdn:" + id.substring(2)).value())
                : id.strip();
    }

    /** A national mobile number in its stored international form (others as they are): one name per subscriber. */
    private String international(String msisdn) {
        List<String> forms = queries.msisdnForms(msisdn);
        return forms.get(forms.size() - 1);
    }

    /** Each stored form of each named MSISDN (national and international) → the MSISDN as named. */
    private Map<String, String> parties(List<String> msisdns) {
        graph.masker().requireIdentifiers("Common contacts are asked for by the subscribers' MSISDNs");
        Set<String> named = new LinkedHashSet<>();
        for (String m : msisdns == null ? List.<String>of() : msisdns) {
            if (m != null && !m.isBlank()) {
                named.add(Filter.parse("msisdn:" + m).value());
            }
        }
        if (named.size() > properties.maxSelected()) {
            throw new InvalidSearch("One question can name at most " + properties.maxSelected() + " subscribers; "
                    + named.size() + " were named.");
        }
        Map<String, String> forms = new HashMap<>();
        for (String party : named) {
            for (String form : queries.msisdnForms(party)) {
                forms.putIfAbsent(form, party);
            }
        }
        return forms;
    }

    private static Share merge(Share x, Share y) {
        return new Share(
                x.party(), x.sessions() + y.sessions(), earlier(x.first(), y.first()), later(x.last(), y.last()));
    }

    // ISO instants with and without fractions do not sort as text ("…00.5Z" < "…00Z")
    static String earlier(String x, String y) {
        return x == null ? y : y == null ? x : java.time.Instant.parse(x).isAfter(java.time.Instant.parse(y)) ? y : x;
    }

    static String later(String x, String y) {
        return x == null ? y : y == null ? x : java.time.Instant.parse(x).isBefore(java.time.Instant.parse(y)) ? y : x;
    }
}
