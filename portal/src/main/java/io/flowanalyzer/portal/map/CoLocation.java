package io.flowanalyzer.portal.map;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.GeoDistance;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.graph.GraphProperties;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.search.Documents;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.search.TimeOrdered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * When two or more subscribers were together: on the same cell, or on cells within a distance, at
 * times within a window of each other. Every located session of each subscriber in the search is
 * compared (a sweep over their sessions in time order, not a sample); meetings of the same two close
 * in time become one encounter, with where, when, the cells and the sessions that show it.
 */
@Service
public class CoLocation {
    /** Located sessions of one subscriber compared at most. */
    static final int MAX_SESSIONS = 5000;

    static final int MAX_MINUTES = 24 * 60;
    static final double MAX_KM = 50;
    /** Sessions named as the proof of one encounter at most. */
    static final int MAX_PROOF = 20;

    private final TimeOrdered ordered;
    private final SessionQueries queries;
    private final IdentifierMasking masking;
    private final GraphProperties graph;

    public CoLocation(TimeOrdered ordered, SessionQueries queries, IdentifierMasking masking, GraphProperties graph) {
        this.ordered = ordered;
        this.queries = queries;
        this.masking = masking;
        this.graph = graph;
    }

    /** One located session of a subscriber. */
    record Sighting(String msisdn, Instant time, double lat, double lon, String cell, String session) {}

    public record Subscriber(String msisdn, long located, boolean cut) {}

    /** Two subscribers together from {@code from} to {@code to}: {@code meetings} pairs of their sessions. */
    public record Encounter(
            String a,
            String b,
            String from,
            String to,
            int meetings,
            boolean sameCell,
            double km,
            double lat,
            double lon,
            List<String> cells,
            List<String> sessions) {}

    public record Answer(int minutes, double km, List<Subscriber> subscribers, List<Encounter> encounters) {}

    public Answer together(SessionQuery q, List<String> msisdns, Integer minutes, Double km) {
        masking.current().requireIdentifiers("Who was together is asked by MSISDN");
        int window = minutes == null ? 30 : minutes;
        double radius = km == null ? 1.0 : km;
        if (window < 1 || window > MAX_MINUTES) {
            throw new InvalidSearch("The window is between 1 and " + MAX_MINUTES + " minutes.");
        }
        if (!(radius >= 0) || radius > MAX_KM) {
            throw new InvalidSearch("The distance is between 0 and " + (int) MAX_KM + " km.");
        }
        Set<String> who = new LinkedHashSet<>();
        for (String m : msisdns == null ? List.<String>of() : msisdns) {
            for (String part : m.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    who.add(Filter.parse(FilterKind.MSISDN.key() + ":" + part).value());
                }
            }
        }
        if (who.size() < 2) {
            throw new InvalidSearch("Name two or more subscribers (MSISDNs) to see when they were together.");
        }
        if (who.size() > graph.maxSelected()) {
            throw new InvalidSearch("At most " + graph.maxSelected() + " subscribers can be compared at once.");
        }
        List<Subscriber> subscribers = new ArrayList<>();
        List<Sighting> all = new ArrayList<>();
        for (String msisdn : who) {
            Filter f = new Filter(FilterKind.MSISDN, msisdn, false);
            Query query = Query.of(x -> x.bool(b -> b.filter(queries.build(q))
                    .filter(queries.clause(f))
                    .filter(e -> e.exists(v -> v.field(Fields.CELL_LOCATION)))));
            TimeOrdered.Page page = ordered.search(
                    Indices.SESSIONS_ALIAS,
                    query,
                    MAX_SESSIONS,
                    List.of(Fields.TIMESTAMP, Fields.EVENT_ID, Fields.CELL_ID, Fields.CELL_LOCATION),
                    Map.of());
            for (Map<String, Object> doc : page.hits()) {
                double[] at = SessionMap.location(Documents.at(doc, Fields.CELL_LOCATION));
                String time = Documents.text(doc, Fields.TIMESTAMP);
                if (at != null && time != null) {
                    all.add(new Sighting(
                            msisdn,
                            Instant.parse(time),
                            at[0],
                            at[1],
                            Documents.text(doc, Fields.CELL_ID),
                            Documents.text(doc, Fields.EVENT_ID)));
                }
            }
            subscribers.add(new Subscriber(msisdn, page.total(), page.cut()));
        }
        return new Answer(window, radius, subscribers, encounters(all, Duration.ofMinutes(window), radius));
    }

    /** Every pair of sightings of two different subscribers close in time and place, grouped into encounters. */
    static List<Encounter> encounters(List<Sighting> sightings, Duration window, double km) {
        List<Sighting> sorted = new ArrayList<>(sightings);
        sorted.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::msisdn));
        Deque<Sighting> recent = new ArrayDeque<>();
        Map<String, List<Meeting>> byPair = new LinkedHashMap<>();
        for (Sighting s : sorted) {
            while (!recent.isEmpty()
                    && Duration.between(recent.peekFirst().time(), s.time()).compareTo(window) > 0) {
                recent.removeFirst();
            }
            for (Sighting r : recent) {
                if (r.msisdn().equals(s.msisdn())) {
                    continue;
                }
                boolean sameCell = r.cell() != null && r.cell().equals(s.cell());
                double d = GeoDistance.kilometres(r.lat(), r.lon(), s.lat(), s.lon());
                if (sameCell || d <= km) {
                    Sighting first = r.msisdn().compareTo(s.msisdn()) < 0 ? r : s;
                    Sighting second = first == r ? s : r;
                    byPair.computeIfAbsent(first.msisdn() + "|" + second.msisdn(), k -> new ArrayList<>())
                            .add(new Meeting(first, second, sameCell, d));
                }
            }
            recent.addLast(s);
        }
        List<Encounter> encounters = new ArrayList<>();
        for (List<Meeting> meetings : byPair.values()) {
            List<Meeting> run = new ArrayList<>();
            for (Meeting m : meetings) {
                if (!run.isEmpty()
                        && Duration.between(run.get(run.size() - 1).last(), m.first())
                                        .compareTo(window)
                                > 0) {
                    encounters.add(encounter(run));
                    run = new ArrayList<>();
                }
                run.add(m);
            }
            if (!run.isEmpty()) {
                encounters.add(encounter(run));
            }
        }
        encounters.sort(Comparator.comparing(Encounter::from)
                .thenComparing(Encounter::a)
                .thenComparing(Encounter::b));
        return encounters;
    }

    private record Meeting(Sighting x, Sighting y, boolean sameCell, double km) {
        Instant first() {
            return x.time().isBefore(y.time()) ? x.time() : y.time();
        }

        Instant last() {
            return x.time().isAfter(y.time()) ? x.time() : y.time();
        }
    }

    private static Encounter encounter(List<Meeting> run) {
        Instant from =
                run.stream().map(Meeting::first).min(Comparator.naturalOrder()).orElseThrow();
        Instant to =
                run.stream().map(Meeting::last).max(Comparator.naturalOrder()).orElseThrow();
        Set<String> cells = new LinkedHashSet<>();
        Set<String> sessions = new LinkedHashSet<>();
        double lat = 0;
        double lon = 0;
        double nearest = Double.MAX_VALUE;
        boolean sameCell = false;
        for (Meeting m : run) {
            lat += (m.x().lat() + m.y().lat()) / 2;
            lon += (m.x().lon() + m.y().lon()) / 2;
            nearest = Math.min(nearest, m.km());
            sameCell |= m.sameCell();
            if (m.x().cell() != null) {
                cells.add(m.x().cell());
            }
            if (m.y().cell() != null) {
                cells.add(m.y().cell());
            }
            if (sessions.size() < MAX_PROOF) {
                sessions.add(m.x().session());
                sessions.add(m.y().session());
            }
        }
        Meeting one = run.get(0);
        return new Encounter(
                one.x().msisdn(),
                one.y().msisdn(),
                from.toString(),
                to.toString(),
                run.size(),
                sameCell,
                Math.round(nearest * 1000) / 1000.0,
                lat / run.size(),
                lon / run.size(),
                List.copyOf(cells),
                List.copyOf(sessions));
    }
}
