package io.flowanalyzer.ingest.publish;

import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;

/** Where a read delivery goes: its sessions, its bindings, its rejects and its custody record. */
public interface DeliveryPublisher {

    void record(SessionRecord record);

    /** A NAT/CGNAT translation, port block or RADIUS binding event (topic {@code ipdr.nat}). */
    void binding(NatBinding binding);

    void reject(Reject reject);

    void custody(Delivery delivery);

    /** A reference entry (topic {@code ipdr.reference}, keyed by its key: the newest one per key counts). */
    void reference(io.flowanalyzer.model.reference.ReferenceEntry entry);

    /** Removes the reference entry with this key (a tombstone, so compaction forgets it too). */
    void referenceRemoved(String key);

    /** Blocks until everything published so far is stored, or throws saying what failed. */
    void flush();
}
