package io.flowanalyzer.portal.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flowanalyzer.portal.search.Facet;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a visualisation draws of its sessions: {@code kind} one of {@link Kind}; {@code field} the facet
 * a table or a top-N counts by ({@code a_party}, {@code b_party}, {@code app}, {@code isp}, {@code flag},
 * {@code country}), the graph's grouping ({@code ip}, {@code app}, {@code as}), or a data-quality panel's
 * aspect ({@code deliveries}, {@code coverage}, {@code rejects}, {@code missing}, {@code skew},
 * {@code duplicates}); {@code metric} what a
 * metric shows or a top-N ranks by ({@link Metric}); {@code size} how many rows, links or sessions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Visual(String kind, String field, String metric, Integer size) {
    public static final int MAX_SIZE = 50;

    /** The kinds of panel, in the words of the dashboard's "add a panel" form. */
    public enum Kind {
        METRIC("metric", "Metric (one number)"),
        HISTOGRAM("histogram", "Sessions over time"),
        FACET("facet", "Facet table (top values and counts)"),
        TOP("top", "Top N by a measure"),
        GRAPH("graph", "Link graph"),
        MAP("map", "Map of cells"),
        TABLE("table", "Latest sessions"),
        QUALITY("quality", "Data quality of an ISP");

        private final String key;
        private final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        static Kind of(String key) {
            return Arrays.stream(values())
                    .filter(k -> k.key.equalsIgnoreCase(key == null ? "" : key.strip()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidSearch("A panel is one of "
                            + String.join(
                                    ", ", Arrays.stream(values()).map(Kind::key).toList()) + "; not '"
                            + Filter.shorten(String.valueOf(key)) + "'."));
        }
    }

    /** What a metric panel shows, and what a top-N ranks its values by. */
    public enum Metric {
        SESSIONS("sessions", "Sessions", null),
        BYTES_DOWN("bytes_down", "Bytes down", "destination.bytes"),
        BYTES_UP("bytes_up", "Bytes up", "source.bytes"),
        SUBSCRIBERS("subscribers", "Distinct subscribers", "ipdr.a_party.msisdn"),
        B_PARTIES("b_parties", "Distinct B-parties", "destination.ip"),
        FLAGGED("flagged", "Flagged sessions", "ipdr.flags.name");

        private final String key;
        private final String label;
        private final String field;

        Metric(String key, String label, String field) {
            this.key = key;
            this.label = label;
            this.field = field;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        /** The field it sums, counts distinct values of, or (flagged) requires. */
        public String field() {
            return field;
        }

        /** A sum of a field's values (the rest count sessions or distinct values). */
        public boolean summed() {
            return this == BYTES_DOWN || this == BYTES_UP;
        }

        public boolean distinct() {
            return this == SUBSCRIBERS || this == B_PARTIES;
        }

        static Metric of(String key) {
            if (key == null || key.isBlank()) {
                return SESSIONS;
            }
            return Arrays.stream(values())
                    .filter(m -> m.key.equalsIgnoreCase(key.strip()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidSearch("A panel measures "
                            + String.join(
                                    ", ",
                                    Arrays.stream(values()).map(Metric::key).toList()) + "; not '"
                            + Filter.shorten(key) + "'."));
        }
    }

    public Kind kindOf() {
        return Kind.of(kind);
    }

    public Metric metricOf() {
        return Metric.of(metric);
    }

    /** The facet a table or top-N counts by (default: the A-party). */
    public Facet facet() {
        String key = field == null || field.isBlank() ? Facet.A_PARTY.key() : field.strip();
        return Facet.of(key)
                .orElseThrow(() -> new InvalidSearch("A panel counts by "
                        + String.join(
                                ", ",
                                Arrays.stream(Facet.values()).map(Facet::key).toList())
                        + "; not '" + Filter.shorten(key) + "'."));
    }

    /** The aspect of data quality a quality panel reports ({@code deliveries}, {@code coverage}, {@code rejects}…). */
    public io.flowanalyzer.portal.quality.DataQuality.Aspect aspect() {
        return io.flowanalyzer.portal.quality.DataQuality.Aspect.of(field)
                .orElseThrow(() -> new InvalidSearch("A data-quality panel reports "
                        + String.join(
                                ", ",
                                Arrays.stream(io.flowanalyzer.portal.quality.DataQuality.Aspect.values())
                                        .map(io.flowanalyzer.portal.quality.DataQuality.Aspect::key)
                                        .toList())
                        + "; not '" + Filter.shorten(String.valueOf(field)) + "'."));
    }

    /** How many rows, links or sessions: {@code size}, else {@code otherwise}, within 1 to {@link #MAX_SIZE}. */
    public int sizeOr(int otherwise) {
        return size == null ? otherwise : size;
    }

    /** This visual in its stored form (kind and metric lower-case, unused parts dropped); a sentence when it cannot be drawn. */
    public Visual checked() {
        Kind k = kindOf();
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new InvalidSearch("A panel shows 1 to " + MAX_SIZE + " rows; not " + size + ".");
        }
        return switch (k) {
            case METRIC -> new Visual(k.key(), null, metricOf().key(), null);
            case HISTOGRAM, MAP -> new Visual(k.key(), null, null, null);
            case FACET -> new Visual(k.key(), facet().key(), null, size);
            case TOP -> new Visual(k.key(), facet().key(), metricOf().key(), size);
            case GRAPH -> new Visual(
                    k.key(), io.flowanalyzer.portal.graph.Grouping.of(field).key(), null, size);
            case TABLE -> new Visual(k.key(), null, null, size);
            case QUALITY -> new Visual(k.key(), aspect().key(), null, null);
        };
    }

    /** A few words on what it draws ("Top 10 A-parties by bytes down"). */
    public String described() {
        Visual v = checked();
        return switch (kindOf()) {
            case METRIC -> v.metricOf().label();
            case HISTOGRAM -> "Sessions over time";
            case FACET -> v.facet().label();
            case TOP -> "Top " + v.sizeOr(10) + " " + plural(v.facet()) + " by "
                    + v.metricOf().label().toLowerCase(Locale.ROOT).replace("b-parties", "B-parties");
            case GRAPH -> "Link graph by " + v.field();
            case MAP -> "Cells on a map";
            case TABLE -> "Latest " + v.sizeOr(10) + " sessions";
            case QUALITY -> v.aspect().label();
        };
    }

    /** "A-parties", "apps", "ISPs", "B-party countries": the facet's label in the middle of a sentence. */
    private static String plural(Facet facet) {
        String label = facet.label().replaceFirst("^Top ", "");
        boolean proper = label.length() > 1 && (label.charAt(1) == '-' || Character.isUpperCase(label.charAt(1)));
        return proper ? label : label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    public static List<Kind> kinds() {
        return List.of(Kind.values());
    }

    public static List<Metric> metrics() {
        return List.of(Metric.values());
    }
}
