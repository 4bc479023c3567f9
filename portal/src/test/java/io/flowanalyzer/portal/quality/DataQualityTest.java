package io.flowanalyzer.portal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.portal.search.SessionParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityTest {
    @Test
    void theIspsAreTheSearchsIncludedIspChips() {
        var q = new SessionParams(
                        null, null, null, List.of("isp:jio", "-isp:airtel", "app:WhatsApp", "isp:vi"), null, 0, 0, null)
                .query(0);
        assertThat(DataQuality.isps(q)).containsExactly("jio", "vi");
    }

    @Test
    void sharesAndOffsetsReadAsPeopleSayThem() {
        assertThat(DataQuality.percent(0, 10)).isEqualTo("0%");
        assertThat(DataQuality.percent(1, 3)).isEqualTo("33.3%");
        assertThat(DataQuality.percent(1, 5000)).isEqualTo("< 0.1%");
        assertThat(DataQuality.percent(5, 0)).isEqualTo("—");
        assertThat(DataQuality.seconds(250)).isEqualTo("250 ms");
        assertThat(DataQuality.seconds(4_500)).isEqualTo("4.5 s");
        assertThat(DataQuality.seconds(600_000)).isEqualTo("10.0 min");
        assertThat(DataQuality.number(1234567)).isEqualTo("1,234,567");
        assertThat(DataQuality.Aspect.of("SKEW")).contains(DataQuality.Aspect.SKEW);
        assertThat(DataQuality.Aspect.of("mood")).isEmpty();
    }
}
