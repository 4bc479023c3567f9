package io.flowanalyzer.ingest.formats;

/** A delivery that cannot be read at all (no usable header, an ambiguous layout): it is quarantined with this reason. */
public class UnreadableDelivery extends Exception {
    public UnreadableDelivery(String reason) {
        super(reason);
    }
}
