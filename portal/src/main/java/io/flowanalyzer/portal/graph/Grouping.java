package io.flowanalyzer.portal.graph;

import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.InvalidSearch;
import java.util.Arrays;

/** What a B-party node stands for: one destination address, one app or service, or one network (AS). */
public enum Grouping {
    IP("ip", "destination.ip", FilterKind.DESTINATION, "Destination address"),
    APP("app", "ipdr.b_party.app", FilterKind.APP, "App or service"),
    AS("as", "destination.as.organization.name", FilterKind.NETWORK, "Network (AS)");

    private final String key;
    private final String field;
    private final FilterKind filter;
    private final String label;

    Grouping(String key, String field, FilterKind filter, String label) {
        this.key = key;
        this.field = field;
        this.filter = filter;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String field() {
        return field;
    }

    /** The chip that narrows a search to one node of this kind. */
    public FilterKind filter() {
        return filter;
    }

    public String label() {
        return label;
    }

    public static Grouping of(String key) {
        if (key == null || key.isBlank()) {
            return IP;
        }
        return Arrays.stream(values())
                .filter(g -> g.key.equalsIgnoreCase(key.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidSearch("B-parties can be grouped by ip, app or as, not by '"
                        + io.flowanalyzer.portal.search.Filter.shorten(key) + "'."));
    }
}
