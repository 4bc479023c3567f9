package io.flowanalyzer.portal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.InvalidSearch;
import org.junit.jupiter.api.Test;

class GroupingTest {
    @Test
    void aGroupIsNamedByItsKeyAndDefaultsToTheDestinationAddress() {
        assertThat(Grouping.of(null)).isEqualTo(Grouping.IP);
        assertThat(Grouping.of(" ")).isEqualTo(Grouping.IP);
        assertThat(Grouping.of("APP")).isEqualTo(Grouping.APP);
        assertThat(Grouping.of(" as ")).isEqualTo(Grouping.AS);
        assertThatThrownBy(() -> Grouping.of("<script>"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("B-parties can be grouped by ip, app or as, not by '<script>'.");
    }

    @Test
    void eachGroupsNodeOpensItsRecordsWithAChipOnTheSameField() {
        for (Grouping g : Grouping.values()) {
            assertThat(g.filter().fields()).containsExactly(g.field());
        }
        assertThat(new Filter(Grouping.AS.filter(), "Meta Platforms", false).param())
                .isEqualTo("network:Meta Platforms");
        assertThat(Filter.parse("network:Meta Platforms").value()).isEqualTo("Meta Platforms");
    }

    @Test
    void instantsWithAndWithoutFractionsCompareAsTimesNotAsText() {
        assertThat(LinkAnalysis.earlier("2026-11-26T06:42:00.500Z", "2026-11-26T06:42:00Z"))
                .isEqualTo("2026-11-26T06:42:00Z");
        assertThat(LinkAnalysis.later("2026-11-26T06:42:00.500Z", "2026-11-26T06:42:00Z"))
                .isEqualTo("2026-11-26T06:42:00.500Z");
        assertThat(LinkAnalysis.earlier(null, "2026-11-26T06:42:00Z")).isEqualTo("2026-11-26T06:42:00Z");
    }
}
