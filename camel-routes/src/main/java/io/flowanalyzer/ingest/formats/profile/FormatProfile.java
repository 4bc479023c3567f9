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
 * @param kind {@code delimited} (a header row and cells, the default), {@code json} (JSON objects whose paths the
 *     columns name: NDJSON, arrays, objects over several lines), {@code xml} (record elements whose children
 *     the columns name), {@code syslog} (one event per line, read by
 *     the {@code messages} patterns) or {@code radius-detail} (FreeRADIUS detail blocks)
 * @param detect a regular expression that finds something on most lines of this kind of file: how a delivery
 *     without a header row is recognised
 * @param timePattern a regular expression matched at the start of a syslog line whose group {@code time} is the event time
 * @param messages the syslog messages the profile reads, tried in order; a line none of them finds is a reject
 * @param where for a {@code json} profile: JSON paths and the value each must have for an object to be a record
 *     (Suricata's {@code event_type: flow}); other objects are rejects that say what they are
 * @param recordElement for an {@code xml} profile: the local name of the element that is one record ({@code IPDR})
 * @param recordType for an {@code xml} profile: the {@code xsi:type} a record must have ({@code DOCSIS-Type})
 * @param binding for a delimited profile whose rows are address bindings rather than sessions (a RADIUS
 *     {@code radacct} export: {@code radius}; an operator's IP allocation report: {@code allocation}); rows then go to
 *     {@code ipdr.nat} as bindings (start when only the start is known, end when the row closes)
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
        @JsonProperty("column_patterns") Map<String, List<String>> columnPatterns,
        String kind,
        String detect,
        @JsonProperty("time_pattern") String timePattern,
        List<SyslogMessage> messages,
        Map<String, String> where,
        @JsonProperty("record_element") String recordElement,
        @JsonProperty("record_type") String recordType,
        String binding) {

    public static final String DELIMITED = "delimited";
    public static final String SYSLOG = "syslog";
    public static final String RADIUS_DETAIL = "radius-detail";
    public static final String JSON = "json";
    public static final String XML = "xml";

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
        kind = kind == null ? DELIMITED : kind;
        messages = messages == null ? List.of() : List.copyOf(messages);
        where = where == null ? Map.of() : new LinkedHashMap<>(where);
    }

    /** Whether the profile reads a header row and cells (else: records found without a header). */
    public boolean delimited() {
        return DELIMITED.equals(kind);
    }

    /** Whether the profile maps canonical columns to names: a header's cells, or a JSON object's paths. */
    public boolean columnar() {
        return DELIMITED.equals(kind) || JSON.equals(kind) || XML.equals(kind);
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
        if (!List.of(DELIMITED, SYSLOG, RADIUS_DETAIL, JSON, XML).contains(kind)) {
            problems.add("kind must be delimited, json, xml, syslog or radius-detail");
        }
        if ((JSON.equals(kind) || XML.equals(kind)) && columns.isEmpty()) {
            problems.add("a " + kind + " profile needs columns (canonical column → paths)");
        }
        if (XML.equals(kind) && (recordElement == null || recordElement.isBlank())) {
            problems.add("an xml profile needs a record_element");
        }
        if (!delimited()) {
            problems.addAll(regexProblems("detect", detect, true));
        }
        if (SYSLOG.equals(kind)) {
            problems.addAll(regexProblems("time_pattern", timePattern, true));
            if (timePattern != null && !timePattern.contains("(?<time>")) {
                problems.add("time_pattern must have a group named time");
            }
            if (messages.isEmpty()) {
                problems.add("a syslog profile needs at least one message");
            }
            messages.forEach(m -> problems.addAll(m.problems()));
        }
        if (binding != null
                && !(delimited()
                        && List.of(io.flowanalyzer.model.NatBinding.RADIUS, io.flowanalyzer.model.NatBinding.ALLOCATION)
                                .contains(binding))) {
            problems.add("binding: a delimited profile can read radius or allocation rows");
        }
        if (!List.of("bytes", "kb", "mb").contains(volumeUnit)) {
            problems.add("volume_unit must be bytes, kb or mb");
        }
        return problems;
    }

    static List<String> regexProblems(String what, String regex, boolean required) {
        if (regex == null) {
            return required ? List.of(what + " is required") : List.of();
        }
        try {
            java.util.regex.Pattern.compile(regex);
            return List.of();
        } catch (java.util.regex.PatternSyntaxException e) {
            return List.of(what + " '" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }
}
