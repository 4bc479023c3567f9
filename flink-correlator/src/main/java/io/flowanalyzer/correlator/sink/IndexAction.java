package io.flowanalyzer.correlator.sink;

/**
 * One write: target index, deterministic id and JSON — the whole document, or (when {@code partial})
 * the fields to change in a document written before, such as a session's late attribution; an
 * {@code upsert} creates the document from those fields when it does not exist yet, and otherwise
 * changes only them (an alert: what others added to it, such as its status, stays).
 */
public record IndexAction(String index, String id, byte[] json, boolean partial, boolean upsert) {
    public IndexAction(String index, String id, byte[] json) {
        this(index, id, json, false, false);
    }

    public static IndexAction update(String index, String id, byte[] fields) {
        return new IndexAction(index, id, fields, true, false);
    }

    public static IndexAction upsert(String index, String id, byte[] fields) {
        return new IndexAction(index, id, fields, true, true);
    }
}
