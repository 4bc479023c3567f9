package io.flowanalyzer.portal.search;

import java.util.List;
import java.util.Map;

/** An exact total and one page of hits, each hit the stored document. */
public record SearchResult(long total, List<Map<String, Object>> hits) {}
