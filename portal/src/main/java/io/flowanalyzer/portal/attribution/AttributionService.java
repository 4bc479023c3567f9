package io.flowanalyzer.portal.attribution;

import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.AttributionRules.Candidate;
import io.flowanalyzer.model.bindings.BindingEvent;
import io.flowanalyzer.model.bindings.BindingIntervals;
import io.flowanalyzer.portal.search.DocumentSearch;
import io.flowanalyzer.portal.search.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * "Who had public address X, port P, at time T?" — answered from the NAT/CGNAT and RADIUS bindings in
 * {@code ipdr-nat}: the translations and port blocks that held X:P at T (within the clock skew) give
 * the private address; the RADIUS bindings of that address at T give the subscriber. Every subscriber
 * that fits is named, with the ids of the records that prove it; one is {@code attributed}, several are
 * {@code ambiguous} — never one picked silently — and none is {@code unresolved}, with what was found.
 */
@Service
public class AttributionService {
    private final DocumentSearch search;
    private final AttributionProperties properties;

    private final io.flowanalyzer.portal.privacy.IdentifierMasking masking;

    public AttributionService(
            DocumentSearch search,
            AttributionProperties properties,
            io.flowanalyzer.portal.privacy.IdentifierMasking masking) {
        this.masking = masking;
        this.search = search;
        this.properties = properties;
    }

    /** Who the evidence says; the candidates and the translations that led nowhere. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Answer(
            String status,
            String ip,
            Integer port,
            Instant time,
            List<Candidate> candidates,
            List<Translation> translations,
            String explanation) {

        /** The answer with its subscribers' identifiers masked (nothing changes when the masker is off). */
        public Answer masked(io.flowanalyzer.portal.privacy.Masker m) {
            if (!m.active()) {
                return this;
            }
            List<Candidate> shown = candidates.stream()
                    .map(c -> {
                        io.flowanalyzer.model.bindings.BindingEvent.Subscriber s = c.subscriber();
                        return new Candidate(
                                c.method(),
                                s == null
                                        ? null
                                        : new io.flowanalyzer.model.bindings.BindingEvent.Subscriber(
                                                m.value(s.subscriberId()),
                                                m.value(s.msisdn()),
                                                m.value(s.imsi()),
                                                m.value(s.imei()),
                                                m.value(s.deviceId())),
                                c.isp(),
                                c.privateIp(),
                                c.privatePort(),
                                c.from(),
                                c.to(),
                                c.startKnown(),
                                c.endKnown(),
                                c.evidence());
                    })
                    .toList();
            return new Answer(status, ip, port, time, shown, translations, explanation);
        }
    }

    /** A translation that held the address at the time, and the private address it leads to. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Translation(
            String isp,
            String kind,
            String privateIp,
            Integer privatePort,
            Instant from,
            Instant to,
            boolean startKnown,
            boolean endKnown,
            List<String> evidence) {}

    public Answer attribute(String ip, Integer port, Instant time, String isp) {
        String portClause = port == null
                ? ""
                : " AND (source.nat.port:" + port + " OR (ipdr.binding.port_start:<=" + port
                        + " AND ipdr.binding.port_end:>=" + port + "))";
        List<BindingIntervals.Interval> nat = covering(
                "(ipdr.binding.kind:translation OR ipdr.binding.kind:port_block) AND source.nat.ip:\"" + ip + "\""
                        + portClause + ispClause(isp),
                time);
        List<Translation> translations = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, List<BindingIntervals.Interval>> radiusByAddress = new LinkedHashMap<>();
        for (BindingIntervals.Interval t : nat) {
            BindingEvent e = t.first();
            translations.add(new Translation(
                    e.isp(),
                    e.kind(),
                    e.privateIp(),
                    e.privatePort(),
                    t.start(),
                    t.end(),
                    t.startKnown(),
                    t.endKnown(),
                    t.evidence()));
            if (radiusByAddress.size() >= AttributionRules.MAX_PRIVATE_ADDRESSES
                    && !radiusByAddress.containsKey(e.isp() + "|" + e.privateIp())) {
                continue;
            }
            List<BindingIntervals.Interval> radius = radiusByAddress.computeIfAbsent(
                    e.isp() + "|" + e.privateIp(), k -> radius(e.privateIp(), e.isp(), time));
            for (BindingIntervals.Interval r : radius) {
                candidates.add(AttributionRules.candidate(
                        AttributionRules.NAT,
                        r,
                        e.privatePort(),
                        AttributionRules.evidence(t.evidence(), r.evidence())));
            }
        }
        if (nat.isEmpty()) {
            for (BindingIntervals.Interval r : radius(ip, isp, time)) {
                candidates.add(AttributionRules.candidate(AttributionRules.RADIUS, r, null, r.evidence()));
            }
        }
        int subscribers = AttributionRules.people(
                candidates.stream().map(Candidate::subscriber).toList());
        String status = AttributionRules.status(candidates);
        return new Answer(status, ip, port, time, candidates, translations, explain(status, subscribers, nat, ip))
                .masked(masking.current());
    }

    private static String explain(String status, int subscribers, List<BindingIntervals.Interval> nat, String ip) {
        return switch (status) {
            case "attributed" -> "One subscriber held the address at that time.";
            case "ambiguous" -> subscribers + " subscribers fit the evidence; each is listed with its records."
                    + " Narrow the time or add the port.";
            default -> nat.isEmpty()
                    ? "No translation or RADIUS binding of " + ip + " covers that time in the delivered records."
                    : "The address was translated to the private address(es) listed, but no RADIUS binding of"
                            + " them covers that time in the delivered records.";
        };
    }

    /** The RADIUS and allocation bindings that held the address at the time: the address itself, or an IPv6 prefix around it. */
    private List<BindingIntervals.Interval> radius(String address, String isp, Instant time) {
        String held = address.indexOf(':') >= 0
                ? "(source.ip:\"" + address + "\" OR ipdr.binding.ipv6_prefix:\"" + address + "\")"
                : "source.ip:\"" + address + "\"";
        return AttributionRules.subscribersAt(
                found("(ipdr.binding.kind:radius OR ipdr.binding.kind:allocation) AND " + held + ispClause(isp), time)
                        .stream()
                        .filter(e -> AttributionRules.holdsAddress(e, address))
                        .toList(),
                time,
                properties.policy());
    }

    private static String ispClause(String isp) {
        return isp == null ? "" : " AND ipdr.isp:\"" + isp + "\"";
    }

    /** The bindings the query finds around the time, paired into intervals, that cover the time. */
    private List<BindingIntervals.Interval> covering(String query, Instant time) {
        return AttributionRules.covering(found(query, time), time, properties.policy());
    }

    /** The binding events the query finds within the open limit of the time. */
    private List<BindingEvent> found(String query, Instant time) {
        SearchRequest request = new SearchRequest(
                query,
                time.minus(properties.openLimit()).toString(),
                time.plus(properties.openLimit()).toString(),
                0,
                DocumentSearch.MAX_WINDOW);
        return search.search(Indices.NAT_ALIAS, request, List.of("event.id")).hits().stream()
                .map(hit -> BindingEvent.of(RecordJson.mapper().convertValue(hit, NatBinding.class)))
                .toList();
    }
}
