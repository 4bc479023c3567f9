package io.flowanalyzer.portal.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sessions search found: the exact total, one page of hits (each with the fields the
 * query matched, for highlighting), the facets and the histogram — whichever were asked for — and
 * the facets whose counts Elasticsearch says may be short ({@code approximate}: a value was not among
 * the top values some session index reported).
 */
public record SessionResults(
        long total, List<Hit> hits, Map<Facet, List<Facet.Count>> facets, Histogram histogram, Set<Facet> approximate) {

    public SessionResults(long total, List<Hit> hits, Map<Facet, List<Facet.Count>> facets, Histogram histogram) {
        this(total, hits, facets, histogram, Set.of());
    }

    /** A session document and the names of the fields the query matched in it. */
    public record Hit(Map<String, Object> source, Set<String> matched) {}
}
