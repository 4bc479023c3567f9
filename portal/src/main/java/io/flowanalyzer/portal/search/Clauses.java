package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.Optional;

/** The clauses search pages build the same way: the query bar's text, a time range, withdrawn links. */
public final class Clauses {
    private Clauses() {}

    /** The query bar's text (already in query_string syntax): AND between words, no leading wildcards. */
    public static Query queryString(String text) {
        return Query.of(q -> q.queryString(qs -> qs.query(text)
                .defaultOperator(Operator.And)
                .lenient(true)
                .analyzeWildcard(true)
                .allowLeadingWildcard(false)));
    }

    /**
     * The probable contacts the correlator withdrew (a session they rest on no longer names its subscriber):
     * kept for the record with the reason, never shown as contacts.
     */
    public static Query withdrawnLinks() {
        return Query.of(q -> q.term(t -> t.field("link.status").value("withdrawn")));
    }

    /**
     * {@code field} between the bounds as typed ({@link TimeBound}: checked, a sentence when unreadable);
     * empty when both are blank.
     */
    public static Optional<Query> timeRange(String field, String from, String to) {
        String gte = blank(from) ? null : TimeBound.check("from", from);
        String lte = blank(to) ? null : TimeBound.check("to", to);
        if (gte == null && lte == null) {
            return Optional.empty();
        }
        return Optional.of(Query.of(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (gte != null) {
                d.gte(gte);
            }
            if (lte != null) {
                d.lte(lte);
            }
            return d;
        }))));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
