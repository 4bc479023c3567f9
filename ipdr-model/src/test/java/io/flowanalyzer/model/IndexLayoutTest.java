package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexLayoutTest {
    @Test
    void monthlyIndicesFollowTheUtcMonth() {
        assertThat(IndexLayout.MONTH.sessionsIndexFor(Instant.parse("2024-03-31T23:59:59Z")))
                .isEqualTo("ipdr-sessions-2024.03");
        // 05:29 IST on 1 April is still March in UTC
        assertThat(IndexLayout.MONTH.sessionsIndexFor(Instant.parse("2024-03-31T23:59:59.999Z")))
                .isEqualTo("ipdr-sessions-2024.03");
        assertThat(IndexLayout.MONTH.sessionsIndexFor(Instant.parse("2024-04-01T00:00:00Z")))
                .isEqualTo("ipdr-sessions-2024.04");
        assertThat(IndexLayout.MONTH.natIndexFor(Instant.parse("2023-12-31T23:00:00Z")))
                .isEqualTo("ipdr-nat-2023.12");
    }

    @Test
    void dailyIndicesFollowTheUtcDay() {
        assertThat(IndexLayout.DAY.sessionsIndexFor(Instant.parse("2024-03-01T23:59:59Z")))
                .isEqualTo("ipdr-sessions-2024.03.01");
        assertThat(IndexLayout.DAY.sessionsIndexFor(Instant.parse("2024-03-02T00:00:00Z")))
                .isEqualTo("ipdr-sessions-2024.03.02");
        assertThat(IndexLayout.DAY.natIndexFor(Instant.parse("2024-02-29T12:00:00Z")))
                .isEqualTo("ipdr-nat-2024.02.29");
    }

    @Test
    void eachLayoutRecognisesOnlyItsOwnIndices() {
        assertThat(IndexLayout.DAY.names("ipdr-sessions-2024.03.01")).isTrue();
        assertThat(IndexLayout.DAY.names("ipdr-nat-2024.03.01")).isTrue();
        assertThat(IndexLayout.DAY.names("ipdr-sessions-2024.03")).isFalse();
        assertThat(IndexLayout.MONTH.names("ipdr-sessions-2024.03")).isTrue();
        assertThat(IndexLayout.MONTH.names("ipdr-nat-2024.03")).isTrue();
        assertThat(IndexLayout.MONTH.names("ipdr-sessions-2024.03.01")).isFalse();
        // other families and the bench's own indices are no layout's
        assertThat(IndexLayout.DAY.names("ipdr-alerts")).isFalse();
        assertThat(IndexLayout.MONTH.names("bench-raw-2024.03")).isFalse();
    }

    @Test
    void theJobArgumentNamesTheLayout() {
        assertThat(IndexLayout.of("month")).isEqualTo(IndexLayout.MONTH);
        assertThat(IndexLayout.of(" Day ")).isEqualTo(IndexLayout.DAY);
        assertThat(IndexLayout.DAY.argument()).isEqualTo("day");
        assertThat(IndexLayout.MONTH.adjective()).isEqualTo("monthly");
        assertThatThrownBy(() -> IndexLayout.of("week"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index period 'week' is neither 'month' nor 'day' (one index a UTC month or a UTC day)");
    }
}
