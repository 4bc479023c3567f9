package io.flowanalyzer.ingest.formats;

/**
 * Thrown by a reader when the rest of a delivery cannot be read (XML that stops being well-formed):
 * what was read before stays published and counted, and the delivery is quarantined with this reason.
 */
public final class BrokenDelivery extends RuntimeException {
    public BrokenDelivery(String reason) {
        super(reason, null, false, false);
    }
}
