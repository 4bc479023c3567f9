package io.flowanalyzer.portal.search;

import java.util.Arrays;
import java.util.Optional;

/** The facets beside the results: counts of the top values of a field, each a filter chip on click. */
public enum Facet {
    A_PARTY("a_party", "Top A-parties", "ipdr.a_party.msisdn", FilterKind.MSISDN),
    B_PARTY("b_party", "Top B-parties", "destination.ip", FilterKind.DESTINATION),
    APP("app", "Apps", "ipdr.b_party.app", FilterKind.APP),
    ISP("isp", "ISPs", "ipdr.isp", FilterKind.ISP),
    FLAG("flag", "Flags", "ipdr.flags.name", FilterKind.FLAG),
    COUNTRY("country", "B-party countries", "destination.geo.country_iso_code", FilterKind.COUNTRY);

    public static final int SIZE = 10;
    /**
     * Values each session index (a month) reports before the top 10 are merged. A count summed over several
     * indices is exact only when every index reported that value; 500 per index keeps the top counts
     * exact unless an index holds more than 500 values about as busy as the tenth, and the facet is marked
     * approximate when Elasticsearch says a count may be short ({@code doc_count_error_upper_bound}).
     * More costs every broad search: 30 days × 6 facets × 5,000 values were 900,000 buckets to merge,
     * most of the time of a month's facets at 10 million sessions.
     */
    public static final int SHARD_SIZE = 500;

    private final String key;
    private final String label;
    private final String field;
    private final FilterKind filter;

    Facet(String key, String label, String field, FilterKind filter) {
        this.key = key;
        this.label = label;
        this.field = field;
        this.filter = filter;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String field() {
        return field;
    }

    public FilterKind filter() {
        return filter;
    }

    /** Whether the values are subscriber identifiers (masked for users who may not see them). */
    public boolean identifies() {
        return this == A_PARTY;
    }

    public static Optional<Facet> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equalsIgnoreCase(key)).findFirst();
    }

    /** One value of a facet and how many matching sessions have it. */
    public record Count(String value, long count) {}
}
