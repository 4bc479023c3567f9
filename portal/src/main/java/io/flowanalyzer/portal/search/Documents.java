package io.flowanalyzer.portal.search;

import java.util.Map;

/** Reads dotted ECS paths ({@code source.nat.ip}) out of a document's nested source. */
public final class Documents {
    private Documents() {}

    public static Object at(Map<String, Object> doc, String path) {
        Object current = doc;
        if (doc != null && doc.containsKey(path)) {
            return doc.get(path);
        }
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    public static String text(Map<String, Object> doc, String path) {
        Object v = at(doc, path);
        return v == null ? null : String.valueOf(v);
    }
}
