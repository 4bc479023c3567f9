package io.flowanalyzer.portal.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sessions search found: the exact total, one page of hits (each with the fields the
 * query matched, for highlighting), the facets and the histogram — whichever were asked for.
 */
public record SessionResults(long total, List<Hit> hits, Map<Facet, List<Facet.Count>> facets, Histogram histogram) {

    /** A session document and the names of the fields the query matched in it. */
    public record Hit(Map<String, Object> source, Set<String> matched) {}
}
