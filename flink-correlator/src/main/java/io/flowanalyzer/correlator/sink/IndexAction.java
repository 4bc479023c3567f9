package io.flowanalyzer.correlator.sink;

/**
 * One write: target index, deterministic id and JSON — the whole document, or (when {@code partial})
 * the fields to change in a document written before, such as a session's late attribution.
 */
public record IndexAction(String index, String id, byte[] json, boolean partial) {
    public IndexAction(String index, String id, byte[] json) {
        this(index, id, json, false);
    }

    public static IndexAction update(String index, String id, byte[] fields) {
        return new IndexAction(index, id, fields, true);
    }
}
