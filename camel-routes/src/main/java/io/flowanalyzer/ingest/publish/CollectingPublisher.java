package io.flowanalyzer.ingest.publish;

import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps everything a delivery published in memory, in order, as the Kafka topics would hold it: for
 * tools that read a delivery without the stack (the benchmark's baseline) and for tests.
 */
public final class CollectingPublisher implements DeliveryPublisher {
    public final List<SessionRecord> records = new ArrayList<>();
    public final List<NatBinding> bindings = new ArrayList<>();
    public final List<Reject> rejects = new ArrayList<>();
    public final List<Delivery> custody = new ArrayList<>();
    public final List<io.flowanalyzer.model.reference.ReferenceEntry> references = new ArrayList<>();
    public final List<String> referencesRemoved = new ArrayList<>();
    public int flushes;

    @Override
    public void record(SessionRecord record) {
        records.add(record);
    }

    @Override
    public void binding(NatBinding binding) {
        bindings.add(binding);
    }

    @Override
    public void reject(Reject reject) {
        rejects.add(reject);
    }

    @Override
    public void custody(Delivery delivery) {
        custody.add(delivery);
    }

    @Override
    public void reference(io.flowanalyzer.model.reference.ReferenceEntry entry) {
        references.add(entry);
    }

    @Override
    public void referenceRemoved(String key) {
        referencesRemoved.add(key);
    }

    @Override
    public void flush() {
        flushes++;
    }
}
