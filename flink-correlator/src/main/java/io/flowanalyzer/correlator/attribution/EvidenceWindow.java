package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.bindings.BindingEvent;
import java.time.Instant;
import java.util.List;

/** How both hops keep the evidence of one key: each record once, and a sliding window of event time. */
final class EvidenceWindow {
    private EvidenceWindow() {}

    /**
     * Adds the event unless its id is there already (a replay changes nothing), and forgets what lies more
     * than the window behind the newest event, so a busy address keeps a window, not its history.
     *
     * @return whether the event was new
     */
    static boolean add(List<BindingEvent> list, BindingEvent e, long windowMillis) {
        Instant newest = e.at();
        for (BindingEvent x : list) {
            if (x.id().equals(e.id())) {
                return false;
            }
            if (x.at().isAfter(newest)) {
                newest = x.at();
            }
        }
        list.add(e);
        Instant horizon = newest.minusMillis(windowMillis);
        list.removeIf(x -> x.at().isBefore(horizon));
        return true;
    }
}
