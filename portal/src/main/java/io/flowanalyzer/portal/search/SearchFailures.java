package io.flowanalyzer.portal.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import java.io.IOException;
import java.time.Duration;

/** Elasticsearch's failures as sentences for the investigator: what is wrong with the query and where, or that the engine is not answering. */
public final class SearchFailures {
    private SearchFailures() {}

    /** {@link InvalidSearch} for a query the engine refused, {@link SearchUnavailable} for anything else. */
    public static RuntimeException explain(Exception e) {
        if (e instanceof ElasticsearchException ee) {
            if (ee.status() == 400) {
                return new InvalidSearch(explain(ee.error()));
            }
            return new SearchUnavailable(
                    "The search service could not run this search (" + ee.status() + "). Try again in a moment.", e);
        }
        if (e instanceof IOException) {
            return new SearchUnavailable("The search service is not answering right now. Try again in a moment.", e);
        }
        return new SearchUnavailable("The search service could not run this search. Try again in a moment.", e);
    }

    /** A search the engine stopped at its timeout is reported, never shown as if complete. */
    public static void checkTimedOut(Boolean timedOut, Duration timeout) {
        if (Boolean.TRUE.equals(timedOut)) {
            throw new SearchUnavailable(
                    "The search took longer than " + timeout.toSeconds()
                            + " seconds and was stopped. Narrow the time range or make the query more specific.",
                    null);
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
