package io.flowanalyzer.portal.graph;

import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQuery;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link graph of a search and its link-analysis questions. Each takes the sessions search's
 * parameters ({@code q}, {@code from}, {@code to}, repeated {@code f}) and {@code group} (ip, app or as:
 * what a B-party node stands for), is scoped to what the user may see, and is audited. Each has a twin
 * under {@code /graph/} for the graph page's script, which is signed in with the page's session (the
 * {@code /api} addresses take HTTP Basic only).
 */
@RestController
public class GraphController {
    private static final org.apache.commons.csv.CSVFormat CSV = org.apache.commons.csv.CSVFormat.DEFAULT
            .builder()
            .setCommentMarker('#')
            .build();

    private final PartyGraph graph;
    private final LinkAnalysis analysis;
    private final GraphAudit audit;
    private final GraphProperties properties;

    public GraphController(PartyGraph graph, LinkAnalysis analysis, GraphAudit audit, GraphProperties properties) {
        this.properties = properties;
        this.graph = graph;
        this.analysis = analysis;
        this.audit = audit;
    }

    /**
     * {@code {"sessions": N, "complete": true, "nodes": [{"id": "a:9198…", "kind": "a", "sessions": …}, …],
     * "links": [{"a": …, "b": …, "sessions": …, "bytes": …, "flagged": …, "first": …, "last": …}, …]}}.
     */
    @GetMapping({"/api/graph", "/graph/data"})
    public PartyGraph.Graph graph(SessionParams params, @RequestParam(required = false) String group) {
        SessionQuery q = params.query(0);
        Grouping g = Grouping.of(group);
        return audit.asked(
                "graph",
                q,
                Map.of("group", g.key()),
                () -> graph.build(q, g),
                r -> r.nodes().size() + " parties, " + r.links().size() + " links"
                        + (r.complete() ? "" : " (overview)"));
    }

    /**
     * The links of the graph as CSV, one row per A-party → B-party link as drawn (an overview's rows are
     * its busiest links, and its first line says so).
     */
    @GetMapping(
            value = {"/api/graph/links.csv", "/graph/links.csv"},
            produces = "text/csv")
    public org.springframework.http.ResponseEntity<String> linksCsv(
            SessionParams params, @RequestParam(required = false) String group) throws java.io.IOException {
        SessionQuery q = params.query(0);
        Grouping g = Grouping.of(group);
        PartyGraph.Graph drawn = audit.asked(
                "graph_export",
                q,
                Map.of("group", g.key()),
                () -> graph.build(q, g),
                r -> r.links().size() + " links as CSV");
        StringBuilder out = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(out, CSV)) {
            if (!drawn.complete()) {
                csv.printComment(drawn.note());
            }
            csv.printRecord(
                    "a_party",
                    "b_party",
                    "b_party_kind",
                    "sessions",
                    "bytes",
                    "flagged_sessions",
                    "first_utc",
                    "last_utc");
            for (PartyGraph.Link l : drawn.links()) {
                csv.printRecord(
                        io.flowanalyzer.portal.export.SessionCsv.defused(l.a().substring(2)),
                        io.flowanalyzer.portal.export.SessionCsv.defused(l.b().substring(2)),
                        g.key(),
                        l.sessions(),
                        l.bytes(),
                        l.flagged(),
                        l.first(),
                        l.last());
            }
        }
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"graph-links.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(out.toString());
    }

    /** The B-parties two or more of the named subscribers ({@code party}, repeated) reached: every one. */
    @GetMapping({"/api/graph/common", "/graph/common"})
    public LinkAnalysis.Common common(
            SessionParams params,
            @RequestParam(name = "party", required = false) List<String> parties,
            @RequestParam(required = false) String group) {
        SessionQuery q = params.query(0);
        Grouping g = Grouping.of(group);
        return audit.asked(
                "graph_common",
                q,
                Map.of("group", g.key(), "parties", String.join(" ", parties == null ? List.of() : parties)),
                () -> analysis.commonContacts(q, parties, g),
                r -> r.contacts().size() + " shared contacts");
    }

    /**
     * The shortest chain of links between two parties ({@code start}, {@code end}: {@code a:<msisdn>} or
     * {@code b:<B-party>}) through shared contacts, over at most {@code hops} links (6 by default).
     * ({@code from} and {@code to} are the search's time range, as everywhere.)
     */
    @GetMapping({"/api/graph/chain", "/graph/chain"})
    public LinkAnalysis.Chain chain(
            SessionParams params,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) Integer hops,
            @RequestParam(required = false) String group) {
        SessionQuery q = params.query(0);
        Grouping g = Grouping.of(group);
        int most = hops == null ? properties.maxChainHops() : hops;
        if (most < 1 || most > properties.maxChainHops()) {
            throw new io.flowanalyzer.portal.search.InvalidSearch(
                    "A chain can follow between 1 and " + properties.maxChainHops() + " links.");
        }
        return audit.asked(
                "graph_chain",
                q,
                Map.of("group", g.key(), "chain_start", String.valueOf(start), "chain_end", String.valueOf(end)),
                () -> analysis.chain(q, start, end, g, most),
                r -> r.steps().isEmpty() ? "no chain" : r.steps().size() + " links");
    }

    /** Every subscriber who reached one B-party ({@code contact}) within the search's time range. */
    @GetMapping({"/api/graph/callers", "/graph/callers"})
    public LinkAnalysis.Callers callers(
            SessionParams params,
            @RequestParam(required = false) String contact,
            @RequestParam(required = false) String group) {
        SessionQuery q = params.query(0);
        Grouping g = Grouping.of(group);
        return audit.asked(
                "graph_callers",
                q,
                Map.of("group", g.key(), "contact", contact == null ? "" : contact),
                () -> analysis.callers(q, contact, g),
                r -> r.parties().size() + " subscribers");
    }
}
