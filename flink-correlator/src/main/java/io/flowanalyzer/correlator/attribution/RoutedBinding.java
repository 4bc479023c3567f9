package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.bindings.AttributionRules;
import io.flowanalyzer.model.bindings.BindingEvent;
import java.util.List;

/**
 * A subscriber binding on its way to the RADIUS hop under one of its keys: its address, and each /56
 * its IPv6 prefix covers ({@link AttributionRules#addressKeys}), so a lookup of any address inside the
 * prefix meets it.
 */
public record RoutedBinding(String key, BindingEvent event) {

    /** The binding under each of its keys (none when it holds no address the job can key). */
    public static List<RoutedBinding> of(BindingEvent e) {
        return AttributionRules.addressKeys(e).stream()
                .map(k -> new RoutedBinding(k, e))
                .toList();
    }
}
