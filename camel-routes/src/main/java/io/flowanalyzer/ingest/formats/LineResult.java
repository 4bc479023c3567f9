package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.SessionRecord;

/** What one delivery line became: a session, a binding, or the reason it could not become either. */
public sealed interface LineResult {

    /** The line is a session. */
    record Accepted(SessionRecord record) implements LineResult {}

    /** The line is a NAT/CGNAT translation, a port block or a RADIUS binding event. */
    record Binding(NatBinding binding) implements LineResult {}

    /** The line is not a session, and this sentence says why. */
    record Refused(String reason) implements LineResult {}

    static LineResult refused(String reason) {
        return new Refused(reason);
    }
}
