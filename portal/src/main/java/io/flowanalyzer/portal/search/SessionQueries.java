package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.portal.PortalProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link SessionQuery} into the Elasticsearch query: the query bar's text (made into
 * query_string syntax by {@link QueryText}) must match, the time range and every chip filter, an
 * excluded chip must not. Filters go in filter context, so they are cached and do not change scores.
 */
@Component
public class SessionQueries {
    private final QueryText text;
    private final IdLists lists;
    private final String countryCode;
    private final int nationalLength;

    private final io.flowanalyzer.portal.users.DataScope scope;

    public SessionQueries(PortalProperties properties, IdLists lists, io.flowanalyzer.portal.users.DataScope scope) {
        this.scope = scope;
        this.countryCode = properties.msisdnCountryCode();
        this.nationalLength = properties.msisdnNationalLength();
        this.text = new QueryText(countryCode, nationalLength);
        this.lists = lists;
    }

    public QueryText text() {
        return text;
    }

    public Query build(SessionQuery q) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        String rewritten = text.rewrite(q.q());
        if (!rewritten.equals("*")) {
            b.must(Clauses.queryString(rewritten));
        }
        Clauses.timeRange(Fields.TIMESTAMP, q.from(), q.to()).ifPresent(b::filter);
        if (scope != null) {
            scope.filter(io.flowanalyzer.model.Indices.SESSIONS_ALIAS).ifPresent(b::filter);
        }
        for (Filter filter : q.filters()) {
            Query clause = clause(filter);
            if (filter.excluded()) {
                b.mustNot(clause);
            } else {
                b.filter(clause);
            }
        }
        return Query.of(x -> x.bool(b.build()));
    }

    /** The query one chip stands for. */
    public Query clause(Filter filter) {
        String v = filter.value();
        return switch (filter.kind()) {
            case IP -> anyOf(filter.kind().fields(), List.of(v));
            case MSISDN -> terms("ipdr.a_party.msisdn", msisdnForms(v));
            case GEO -> {
                GeoBox box = GeoBox.parse(v);
                yield Query.of(x -> x.geoBoundingBox(g -> g.field("ipdr.cell.location")
                        .boundingBox(bb -> bb.tlbr(t -> t.topLeft(tl ->
                                        tl.latlon(ll -> ll.lat(box.north()).lon(box.west())))
                                .bottomRight(br ->
                                        br.latlon(ll -> ll.lat(box.south()).lon(box.east())))))));
            }
            case LIST -> list(lists.load(v));
            case TAGGED -> io.flowanalyzer.portal.users.DataScope.sessionsOfFilesTagged(v);
            default -> terms(filter.kind().fields().get(0), List.of(v));
        };
    }

    /** Every session that names any identifier of the list, wherever it stands. */
    Query list(IdList list) {
        List<Query> any = new ArrayList<>();
        if (!list.addresses().isEmpty()) {
            any.add(anyOf(FilterKind.IP.fields(), list.addresses()));
        }
        if (!list.numbers().isEmpty()) {
            List<String> phones = new ArrayList<>();
            for (String n : list.numbers()) {
                phones.addAll(msisdnForms(n));
            }
            any.add(terms("ipdr.a_party.msisdn", phones));
            any.add(terms("ipdr.a_party.imsi", list.numbers()));
            any.add(terms("ipdr.a_party.imei", list.numbers()));
            any.add(terms("ipdr.a_party.subscriber_id", list.numbers()));
        }
        if (!list.others().isEmpty()) {
            any.add(terms("ipdr.a_party.subscriber_id", list.others()));
        }
        return Query.of(x -> x.bool(b -> b.should(any).minimumShouldMatch("1")));
    }

    /** A national mobile number also in the form it is stored in (with the country code). */
    public List<String> msisdnForms(String digits) {
        if (!countryCode.isEmpty()
                && digits.length() == nationalLength
                && digits.charAt(0) >= '6'
                && digits.charAt(0) <= '9') {
            return List.of(digits, countryCode + digits);
        }
        return List.of(digits);
    }

    private static Query anyOf(List<String> fields, List<String> values) {
        List<Query> any = new ArrayList<>();
        for (String field : fields) {
            any.add(terms(field, values));
        }
        return Query.of(x -> x.bool(b -> b.should(any).minimumShouldMatch("1")));
    }

    private static Query terms(String field, List<String> values) {
        if (values.size() == 1) {
            return Query.of(x -> x.term(t -> t.field(field).value(values.get(0))));
        }
        List<FieldValue> v = values.stream().map(FieldValue::of).toList();
        return Query.of(x -> x.terms(t -> t.field(field).terms(tt -> tt.value(v))));
    }
}
