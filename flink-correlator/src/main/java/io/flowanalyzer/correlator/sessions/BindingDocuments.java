package io.flowanalyzer.correlator.sessions;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordJson;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a NAT or RADIUS binding event into its document in the daily {@code ipdr-nat} index of its day. */
public class BindingDocuments implements MapFunction<NatBinding, IndexAction> {
    private final IndexLayout layout;

    public BindingDocuments(IndexLayout layout) {
        this.layout = layout;
    }

    @Override
    public IndexAction map(NatBinding binding) {
        return new IndexAction(layout.natIndexFor(binding.timestamp()), binding.id(), RecordJson.toBytes(binding));
    }
}
