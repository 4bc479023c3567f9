package io.flowanalyzer.ingest.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.model.DeliveryRef;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON deliveries with a {@code json} profile: NDJSON (one object per line), a JSON array of
 * objects, or objects written over several lines — each top-level object is one record, found by
 * following braces and strings as the lines stream past (never the whole file in memory). The
 * profile's columns name JSON paths ({@code id.orig_h} as a key of its own, else {@code flow.start}
 * as a nested path); the values then go through the same checks as delimited cells. The unit counted
 * for custody is the object, reported at the line where it begins.
 */
public final class JsonReader implements RecordReader {
    /** An object longer than this is refused rather than held (a broken file with no closing brace). */
    static final int MAX_OBJECT_CHARS = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final FormatProfile profile;
    private final List<String> paths;
    private final DelimitedProfile cells;
    private final StringBuilder object = new StringBuilder();
    private DeliveryLines.Line first;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean oversized;
    /** Known once the first object is read: whether objects start and end on one line outside any array (NDJSON). */
    private Boolean onePerLine;

    private boolean inArray;

    private JsonReader(FormatProfile profile, List<String> paths, DelimitedProfile cells) {
        this.profile = profile;
        this.paths = paths;
        this.cells = cells;
    }

    /** A reader whose virtual header is every path the profile names, in the profile's order. */
    public static JsonReader of(FormatProfile profile, DeliveryRef delivery, ZoneId zone) throws UnreadableDelivery {
        return new JsonReader(
                profile, DelimitedProfile.pathsOf(profile), DelimitedProfile.forPaths(profile, delivery, zone));
    }

    @Override
    public FormatProfile profile() {
        return profile;
    }

    @Override
    public void read(DeliveryLines.Line line, Results out) {
        String text = line.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0) {
                if (c == '{') {
                    first = line;
                    object.setLength(0);
                    oversized = false;
                    depth = 1;
                    object.append(c);
                } else if (c == '[') {
                    inArray = true;
                } else if (!(Character.isWhitespace(c) || c == ']' || c == ',' || c == '\uFEFF')) {
                    // text between objects: the rest of the line is not JSON this reader can use
                    out.add(
                            new DeliveryLines.Line(line.number(), line.offset(), text.substring(i), false),
                            LineResult.refused("the text is not a JSON object"));
                    return;
                }
                continue;
            }
            if (!oversized) {
                object.append(c);
                oversized = object.length() > MAX_OBJECT_CHARS;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    if (onePerLine == null) {
                        onePerLine = first == line && !inArray;
                    }
                    complete(out);
                }
            }
        }
        if (depth > 0 && Boolean.TRUE.equals(onePerLine)) {
            // in NDJSON a line that leaves its object open is broken: it must not swallow the lines after it
            DeliveryLines.Line unit = unit();
            reset();
            out.add(unit, LineResult.refused("the line is not a complete JSON object"));
        } else if (depth > 0 && !oversized) {
            object.append('\n');
        }
    }

    private void reset() {
        depth = 0;
        inString = false;
        escaped = false;
    }

    @Override
    public void finish(Results out) {
        if (depth > 0) {
            DeliveryLines.Line unit = unit();
            reset();
            out.add(unit, LineResult.refused("the delivery ends inside a JSON object that is never closed"));
        }
    }

    private DeliveryLines.Line unit() {
        String raw = oversized ? object.substring(0, 2000) + "…" : object.toString();
        return new DeliveryLines.Line(first.number(), first.offset(), raw, false);
    }

    private void complete(Results out) {
        DeliveryLines.Line unit = unit();
        if (oversized) {
            out.add(unit, LineResult.refused("the JSON object is longer than " + MAX_OBJECT_CHARS + " characters"));
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(unit.text());
        } catch (JsonProcessingException e) {
            out.add(unit, LineResult.refused("the object is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        for (Map.Entry<String, String> required : profile.where().entrySet()) {
            String value = valueAt(node, required.getKey());
            if (!required.getValue().equals(value)) {
                out.add(
                        unit,
                        LineResult.refused("the record's " + required.getKey() + " is '"
                                + FieldValues.abbreviate(value, 40) + "', not '" + required.getValue() + "'"));
                return;
            }
        }
        List<String> values = new ArrayList<>(paths.size());
        for (String path : paths) {
            values.add(valueAt(node, path));
        }
        out.add(unit, cells.read(new DeliveryLines.Line(unit.number(), unit.offset(), unit.text(), false, values)));
    }

    /** The value at a path as text: a key of that exact name first (Zeek writes "id.orig_h"), else nested keys. */
    static String valueAt(JsonNode node, String path) {
        JsonNode v = node.get(path);
        if (v == null) {
            v = node;
            for (String key : path.split("\\.")) {
                v = v == null ? null : v.get(key);
            }
        }
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
