package io.flowanalyzer.portal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A sessions search as the URL states it, so any search can be bookmarked and shared: the query
 * bar's text, the time range, the filter chips, the sort ({@code start}, {@code -bytes_up}: a minus
 * for descending), the page and its size, and the columns shown.
 */
public record SessionQuery(
        String q,
        String from,
        String to,
        List<Filter> filters,
        Column sort,
        boolean descending,
        int page,
        int size,
        List<Column> columns) {

    public SessionQuery {
        filters = List.copyOf(filters);
        columns = List.copyOf(columns);
    }

    public SearchRequest timeAndPage() {
        return new SearchRequest(q, from, to, page, size);
    }

    public String sortParam() {
        return (descending ? "-" : "") + sort.key();
    }

    public boolean isDefaultSort() {
        return sort == Column.START && descending;
    }

    public SessionQuery withPage(int newPage) {
        return new SessionQuery(q, from, to, filters, sort, descending, newPage, size, columns);
    }

    /** Sorted by {@code column}: descending first, the other way when it already is. */
    public SessionQuery sortedBy(Column column) {
        boolean desc = column != sort || !descending;
        return new SessionQuery(q, from, to, filters, column, desc, 0, size, columns);
    }

    public SessionQuery withFilter(Filter filter) {
        List<Filter> more = new ArrayList<>(filters);
        more.removeIf(f -> f.kind() == filter.kind() && f.value().equals(filter.value()));
        more.add(filter);
        return new SessionQuery(q, from, to, more, sort, descending, 0, size, columns);
    }

    public SessionQuery without(Filter filter) {
        List<Filter> fewer = new ArrayList<>(filters);
        fewer.remove(filter);
        return new SessionQuery(q, from, to, fewer, sort, descending, 0, size, columns);
    }

    public SessionQuery withRange(String newFrom, String newTo) {
        return new SessionQuery(q, newFrom, newTo, filters, sort, descending, 0, size, columns);
    }

    /**
     * The timeline of the subscriber a chip names (the first such chip), with the rest of the search;
     * null when no chip names one.
     */
    public String timelineUrl() {
        for (Filter f : filters) {
            if (!f.excluded() && f.kind().namesSubscriber()) {
                return without(f).url("/timeline", b -> b.queryParam("subject", f.param()));
            }
        }
        return null;
    }

    /** What an audit entry records of the search: its query, time range and chips. */
    public java.util.Map<String, String> described() {
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("q", q);
        d.put("from", from);
        d.put("to", to);
        d.put("filters", String.join(" ", filters.stream().map(Filter::param).toList()));
        return d;
    }

    /** This search's address on {@code path}, with only what differs from the defaults. */
    public String url(String path) {
        return url(path, b -> {});
    }

    public String url(String path, Consumer<UriComponentsBuilder> more) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        if (q != null && !q.isBlank()) {
            b.queryParam("q", q);
        }
        if (from != null && !from.isBlank()) {
            b.queryParam("from", from);
        }
        if (to != null && !to.isBlank()) {
            b.queryParam("to", to);
        }
        for (Filter f : filters) {
            b.queryParam("f", f.param());
        }
        if (!isDefaultSort()) {
            b.queryParam("sort", sortParam());
        }
        if (!columns.equals(Column.DEFAULTS)) {
            b.queryParam(
                    "col", String.join(",", columns.stream().map(Column::key).toList()));
        }
        if (page > 0) {
            b.queryParam("page", page);
        }
        more.accept(b);
        return b.encode().build().toUriString();
    }
}
