package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.model.SessionRecord;

/** What one delivery line became: a record, or the reason it could not become one. */
public sealed interface LineResult {

    /** The line is a session. */
    record Accepted(SessionRecord record) implements LineResult {}

    /** The line is not a session, and this sentence says why. */
    record Refused(String reason) implements LineResult {}

    static LineResult refused(String reason) {
        return new Refused(reason);
    }
}
