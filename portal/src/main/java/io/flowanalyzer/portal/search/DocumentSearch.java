package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.portal.PortalProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs an investigator's search against one index or alias: query_string over the index's default
 * fields, a time range on {@code @timestamp}, newest first, with an exact total. Failures come back
 * as sentences ({@link InvalidSearch}, {@link SearchUnavailable}), never as engine stack traces.
 */
@Service
public class DocumentSearch {
    /** Elasticsearch's default max_result_window: deeper pages need an export, not paging. */
    public static final int MAX_WINDOW = 10_000;

    private final ElasticsearchClient client;
    private final PortalProperties properties;

    public DocumentSearch(ElasticsearchClient client, PortalProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public SearchResult search(String index, SearchRequest request, List<String> tieBreakers) {
        if (request.size() < 0 || request.size() > properties.maxPageSize()) {
            throw new InvalidSearch("A page holds between 0 and " + properties.maxPageSize() + " results; ask for size="
                    + properties.maxPageSize() + " or less.");
        }
        int size = request.size();
        String fromBound = request.hasFrom() ? TimeBound.check("from", request.from()) : null;
        String toBound = request.hasTo() ? TimeBound.check("to", request.to()) : null;
        if (request.page() < 0) {
            throw new InvalidSearch("Pages are numbered from 0; page=" + request.page() + " does not exist.");
        }
        long from = (long) request.page() * size;
        if (from + size > MAX_WINDOW) {
            throw new InvalidSearch(
                    "Only the first 10,000 results can be paged through; narrow the query or the time range to see later ones.");
        }
        Query query = Query.of(q -> q.bool(b -> {
            b.must(m -> m.queryString(qs -> qs.query(request.queryOrAll())
                    .defaultOperator(Operator.And)
                    .lenient(true)
                    .analyzeWildcard(true)
                    .allowLeadingWildcard(false)));
            if (fromBound != null || toBound != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field(Fields.TIMESTAMP);
                    if (fromBound != null) {
                        d.gte(fromBound);
                    }
                    if (toBound != null) {
                        d.lte(toBound);
                    }
                    return d;
                })));
            }
            return b;
        }));
        String timeout = properties.searchTimeout().toMillis() + "ms";
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = client.search(
                    s -> {
                        s.index(index)
                                .ignoreUnavailable(true)
                                .allowNoIndices(true)
                                .query(query)
                                .trackTotalHits(t -> t.enabled(true))
                                .from((int) from)
                                .size(size)
                                .timeout(timeout)
                                .sort(so ->
                                        so.field(f -> f.field(Fields.TIMESTAMP).order(SortOrder.Desc)));
                        for (String field : tieBreakers) {
                            s.sort(so -> so.field(f -> f.field(field)
                                    .order(SortOrder.Asc)
                                    .unmappedType(co.elastic.clients.elasticsearch._types.mapping.FieldType.Keyword)));
                        }
                        return s;
                    },
                    Map.class);
            if (Boolean.TRUE.equals(response.timedOut())) {
                throw new SearchUnavailable(
                        "The search took longer than "
                                + properties.searchTimeout().toSeconds()
                                + " seconds and was stopped. Narrow the time range or make the query more specific.",
                        null);
            }
            List<Map<String, Object>> hits = new ArrayList<>();
            for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = hit.source();
                hits.add(source);
            }
            long total = response.hits().total() == null
                    ? hits.size()
                    : response.hits().total().value();
            return new SearchResult(total, hits);
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                throw new InvalidSearch(explain(e.error()));
            }
            throw new SearchUnavailable(
                    "The search service could not run this search (" + e.status() + "). Try again in a moment.", e);
        } catch (IOException e) {
            throw new SearchUnavailable("The search service is not answering right now. Try again in a moment.", e);
        }
    }

    private static final java.util.regex.Pattern LUCENE_SYNTAX = java.util.regex.Pattern.compile(
            "Cannot parse '.*': Encountered \"(.*?)\" at line \\d+, column (\\d+)\\.", java.util.regex.Pattern.DOTALL);

    /** A sentence from Elasticsearch's error: what is wrong with the query and where, else the deepest cause. */
    static String explain(ErrorCause error) {
        String syntax = findSyntaxError(error);
        if (syntax != null) {
            java.util.regex.Matcher m = LUCENE_SYNTAX.matcher(syntax);
            if (m.find()) {
                String found = m.group(1);
                String column = m.group(2);
                if (found.equals("<EOF>")) {
                    return "The query ends before it is complete (at character " + column
                            + "): close every bracket and quote, and give AND, OR and NOT something on both sides.";
                }
                return "The query could not be understood at character " + column
                        + ": check the brackets, quotes and the words AND, OR and NOT around it.";
            }
        }
        ErrorCause deepest = error;
        while (deepest.causedBy() != null) {
            deepest = deepest.causedBy();
        }
        if (deepest == error && !error.rootCause().isEmpty()) {
            deepest = error.rootCause().get(0);
            while (deepest.causedBy() != null) {
                deepest = deepest.causedBy();
            }
        }
        String reason = deepest.reason() == null ? "" : deepest.reason();
        int expecting = reason.indexOf("Was expecting");
        if (expecting > 0) {
            reason = reason.substring(0, expecting);
        }
        reason = reason.replaceAll("\\s+", " ").strip();
        return "The query could not be understood"
                + (reason.isEmpty() ? "." : ": " + reason + (reason.endsWith(".") ? "" : "."));
    }

    /** The query parser's own message, which Elasticsearch keeps in the cause chain or in the failed shards. */
    private static String findSyntaxError(ErrorCause error) {
        for (ErrorCause c = error; c != null; c = c.causedBy()) {
            if (c.reason() != null && c.reason().startsWith("Cannot parse")) {
                return c.reason();
            }
        }
        co.elastic.clients.json.JsonData shards = error.metadata().get("failed_shards");
        if (shards == null) {
            return null;
        }
        String json = shards.toString();
        int at = json.indexOf("Cannot parse");
        if (at < 0) {
            return null;
        }
        try {
            return firstCannotParse(io.flowanalyzer.model.RecordJson.mapper().readTree(json));
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstCannotParse(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isTextual()) {
            return node.asText().startsWith("Cannot parse") ? node.asText() : null;
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            String found = firstCannotParse(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
