package io.flowanalyzer.portal.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.bindings.BindingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting people, not records: never call one person ambiguous, never merge two. */
class AttributionServiceTest {

    @Test
    void recordsSharingAnyIdentifierAreOnePerson() {
        BindingEvent.Subscriber a = new BindingEvent.Subscriber(null, "919876543210", null, null, null);
        BindingEvent.Subscriber sameA = new BindingEvent.Subscriber("u1@isp", "919876543210", null, null, null);
        BindingEvent.Subscriber b = new BindingEvent.Subscriber("u2@isp", "919800000000", null, null, null);
        assertThat(AttributionService.people(List.of(a, sameA))).isEqualTo(1);
        assertThat(AttributionService.people(List.of(a, b, sameA))).isEqualTo(2);
        assertThat(AttributionService.people(List.of())).isZero();
    }
}
