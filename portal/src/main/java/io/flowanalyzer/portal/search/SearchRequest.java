package io.flowanalyzer.portal.search;

/**
 * One search as an investigator states it: a query_string query (blank means everything), a time
 * range (ISO-8601 or Elasticsearch date math such as {@code now-7d}; blank means open), a page
 * (0-based) and a page size.
 */
public record SearchRequest(String query, String from, String to, int page, int size) {

    public String queryOrAll() {
        return query == null || query.isBlank() ? "*" : query.strip();
    }

    public boolean hasFrom() {
        return from != null && !from.isBlank();
    }

    public boolean hasTo() {
        return to != null && !to.isBlank();
    }
}
