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
    void aPeriodNamedBeforeIsNamedAgainOnlyForItsOwnInstants() {
        // records out of order across the edges of the period named last
        String[][] expected = {
            {"2024-03-15T10:00:00Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.15"},
            {"2024-02-29T23:59:59.999Z", "ipdr-sessions-2024.02", "ipdr-sessions-2024.02.29"},
            {"2024-03-01T00:00:00Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.01"},
            {"2024-03-31T23:59:59.999Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.31"},
            {"2024-04-01T00:00:00Z", "ipdr-sessions-2024.04", "ipdr-sessions-2024.04.01"},
            {"2024-03-31T23:59:59Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.31"},
            {"1969-12-31T23:59:59.5Z", "ipdr-sessions-1969.12", "ipdr-sessions-1969.12.31"},
            {"1970-01-01T00:00:00Z", "ipdr-sessions-1970.01", "ipdr-sessions-1970.01.01"},
            {"2024-03-15T10:00:00Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.15"},
            {"2024-03-16T00:00:00Z", "ipdr-sessions-2024.03", "ipdr-sessions-2024.03.16"}
        };
        for (String[] e : expected) {
            Instant at = Instant.parse(e[0]);
            assertThat(IndexLayout.MONTH.sessionsIndexFor(at)).as(e[0]).isEqualTo(e[1]);
            assertThat(IndexLayout.DAY.sessionsIndexFor(at)).as(e[0]).isEqualTo(e[2]);
            assertThat(IndexLayout.DAY.natIndexFor(at)).as(e[0]).isEqualTo(e[2].replace("sessions", "nat"));
        }
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
