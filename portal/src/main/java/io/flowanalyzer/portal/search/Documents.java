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

    /** The values at {@code path} as text: each of a list, the one value, or none. */
    public static java.util.List<String> texts(Map<String, Object> doc, String path) {
        Object v = at(doc, path);
        java.util.List<String> texts = new java.util.ArrayList<>();
        if (v instanceof java.util.List<?> l) {
            for (Object item : l) {
                if (item != null) {
                    texts.add(String.valueOf(item));
                }
            }
        } else if (v != null) {
            texts.add(String.valueOf(v));
        }
        return texts;
    }

    /** The {@code name} of each object of a list (or of one object): the names of a session's flags. */
    public static java.util.List<String> names(Object v) {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<?> list =
                v instanceof java.util.List<?> l ? l : v == null ? java.util.List.of() : java.util.List.of(v);
        for (Object item : list) {
            if (item instanceof Map<?, ?> m && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
        }
        return names;
    }
}
