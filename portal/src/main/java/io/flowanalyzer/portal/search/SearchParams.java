package io.flowanalyzer.portal.search;

/**
 * The query parameters every search API takes — {@code q}, {@code from}, {@code to}, {@code page}
 * (default 0) and {@code size} (default 50) — bound from the request in one place.
 */
public record SearchParams(String q, String from, String to, Integer page, Integer size) {
    public static final int DEFAULT_SIZE = 50;

    public SearchRequest request() {
        return new SearchRequest(q, from, to, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }
}
