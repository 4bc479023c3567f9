package io.flowanalyzer.portal.search;

import java.util.List;

/**
 * The request parameters of a sessions search, page or API: {@code q}, {@code from}, {@code to},
 * {@code f} (repeated filter chips), {@code sort}, {@code page}, {@code size} and {@code col}.
 */
public record SessionParams(
        String q, String from, String to, List<String> f, String sort, Integer page, Integer size, List<String> col) {

    public SessionQuery query(int defaultSize) {
        List<Filter> filters = f == null
                ? List.of()
                : f.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(Filter::parse)
                        .toList();
        String s = sort == null || sort.isBlank() ? "-start" : sort.strip();
        boolean descending = s.startsWith("-");
        String key = descending ? s.substring(1) : s;
        Column column = Column.of(key)
                .filter(c -> c.sortField() != null)
                .orElseThrow(() -> new InvalidSearch("Results cannot be sorted by '" + Filter.shorten(key) + "'."));
        return new SessionQuery(
                q,
                from,
                to,
                filters,
                column,
                descending,
                page == null ? 0 : page,
                size == null ? defaultSize : size,
                Column.chosen(col));
    }
}
