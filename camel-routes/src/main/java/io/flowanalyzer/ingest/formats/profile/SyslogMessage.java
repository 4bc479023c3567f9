package io.flowanalyzer.ingest.formats.profile;

import io.flowanalyzer.model.NatBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One syslog message a NAT profile reads: a regular expression that finds it in a line, with named
 * groups for the values it carries, and/or {@code fields} naming the {@code key=value} pairs that
 * carry them (structured syslog such as Juniper's). Group and field names are the canonical ones in
 * {@link #VALUES}.
 *
 * @param code the device's message id, kept as {@code event.code}
 * @param match the regular expression that finds the message in a line (anywhere in it)
 * @param binding translation or port_block
 * @param action start, end or interim: what the message reports about the binding
 * @param fields canonical value name → key of a {@code key=value} pair on the line
 * @param valueZone the zone of the message's own {@code start}/{@code end} values when the device writes them in
 *     another zone than its log times (H3C Comware 7 writes {@code BeginTime_e} in UTC); absent: the feed's zone
 */
public record SyslogMessage(
        String code,
        String match,
        String binding,
        String action,
        Map<String, String> fields,
        @com.fasterxml.jackson.annotation.JsonProperty("value_zone") String valueZone) {

    /** The values a message can carry. */
    public static final Set<String> VALUES = Set.of(
            "privateIp",
            "privatePort",
            "publicIp",
            "publicPort",
            "portStart",
            "portEnd",
            "destinationIp",
            "destinationPort",
            "protocol",
            "duration",
            "elapsed",
            "start",
            "end",
            "allocated",
            "bytesUp",
            "bytesDown");

    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    public SyslogMessage {
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }

    /** The named groups of {@link #match}, in order. */
    public List<String> groups() {
        List<String> names = new ArrayList<>();
        Matcher m = GROUP.matcher(match == null ? "" : match);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(FormatProfile.regexProblems("message " + code + " match", match, true));
        if (!List.of(NatBinding.TRANSLATION, NatBinding.PORT_BLOCK).contains(binding)) {
            problems.add("message " + code + ": binding must be translation or port_block");
        }
        if (!List.of(NatBinding.START, NatBinding.END, NatBinding.INTERIM).contains(action)) {
            problems.add("message " + code + ": action must be start, end or interim");
        }
        List<String> names = new ArrayList<>(groups());
        names.addAll(fields.keySet());
        if (valueZone != null) {
            try {
                java.time.ZoneId.of(valueZone);
            } catch (java.time.DateTimeException e) {
                problems.add("message " + code + ": value_zone '" + valueZone + "' is not a time zone");
            }
        }
        for (String name : names) {
            if (!VALUES.contains(name)) {
                problems.add("message " + code + ": unknown value '" + name + "' (known: "
                        + String.join(", ", VALUES.stream().sorted().toList()) + ")");
            }
        }
        return problems;
    }
}
