package io.flowanalyzer.ingest.formats.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative description of one delimited layout ISPs deliver: which header names mean which
 * canonical column, how its times are written and in which zone, where the header may stand, what
 * its footer lines look like. A new ISP layout is a new profile file, not new code.
 *
 * @param columns canonical column key → header names that mean it (compared without case, punctuation or parenthesised hints)
 * @param required alternatives that must all be present, each written {@code a|b} (one of a or b)
 * @param headerSearchLines how many non-blank lines from the top may hold the header (banners come first)
 * @param timeFormats layouts of date-time columns ({@code iso} or a DateTimeFormatter pattern)
 * @param dateFormats layouts of date-only columns; {@code clockFormats} of time-of-day columns
 * @param footers regular expressions (case-insensitive, from the line start) of report footer lines
 * @param msisdnCountryCode prefixed to national numbers so that every MSISDN reads the same
 * @param volumeUnit bytes, kb or mb: what the volume columns count
 * @param headerPrefix what the header line starts with before its names ({@code #fields} in Zeek logs)
 * @param summary a regular expression of the line that opens a trailing summary: it and all after it are not records
 * @param columnPatterns canonical column key → regular expressions over normalised header names, tried in order
 *     for a header name no exact name matches (headers seen nowhere before)
 * @param emptyMarkers cell values that mean "absent" besides the usual ones (-, NA, null, n/a), such as Zeek's (empty)
 */
public record FormatProfile(
        String name,
        String version,
        String description,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("header_search_lines") Integer headerSearchLines,
        Map<String, List<String>> columns,
        List<String> required,
        @JsonProperty("time_formats") List<String> timeFormats,
        @JsonProperty("date_formats") List<String> dateFormats,
        @JsonProperty("clock_formats") List<String> clockFormats,
        List<String> footers,
        @JsonProperty("msisdn_country_code") String msisdnCountryCode,
        @JsonProperty("volume_unit") String volumeUnit,
        @JsonProperty("header_prefix") String headerPrefix,
        String summary,
        @JsonProperty("empty_markers") List<String> emptyMarkers,
        @JsonProperty("column_patterns") Map<String, List<String>> columnPatterns) {

    public FormatProfile {
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        required = required == null ? List.of() : List.copyOf(required);
        timeFormats = timeFormats == null ? List.of("iso") : List.copyOf(timeFormats);
        dateFormats = dateFormats == null ? List.of("yyyy-MM-dd") : List.copyOf(dateFormats);
        clockFormats = clockFormats == null ? List.of("HH:mm:ss") : List.copyOf(clockFormats);
        footers = footers == null ? List.of() : List.copyOf(footers);
        headerSearchLines = headerSearchLines == null ? 1 : headerSearchLines;
        volumeUnit = volumeUnit == null ? "bytes" : volumeUnit;
        emptyMarkers = emptyMarkers == null ? List.of() : List.copyOf(emptyMarkers);
        columnPatterns = columnPatterns == null ? Map.of() : new LinkedHashMap<>(columnPatterns);
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code name@version}, the tag every record read with it carries. */
    public String tag() {
        return name + "@" + version;
    }

    /** Checks the profile names only known columns and usable layouts; a list of problems, empty when sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add("the name must be lower-case letters, digits and dashes");
        }
        if (version == null || version.isBlank()) {
            problems.add("a version is required");
        }
        for (String key : new java.util.LinkedHashSet<>(concat(columns.keySet(), columnPatterns.keySet()))) {
            try {
                Column.fromKey(key);
            } catch (IllegalArgumentException e) {
                problems.add("unknown column '" + key + "'");
            }
        }
        columnPatterns
                .values()
                .forEach(patterns -> patterns.forEach(p -> {
                    try {
                        java.util.regex.Pattern.compile(p);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        problems.add("column pattern '" + p + "' is not a regular expression");
                    }
                }));
        for (String alternatives : required) {
            for (String key : alternatives.split("\\|")) {
                if (!columns.containsKey(key.strip())) {
                    problems.add("required column '" + key.strip() + "' has no header names");
                }
            }
        }
        if (!List.of("bytes", "kb", "mb").contains(volumeUnit)) {
            problems.add("volume_unit must be bytes, kb or mb");
        }
        return problems;
    }
}
