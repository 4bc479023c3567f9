package io.flowanalyzer.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    private final List<String> readsDone = new ArrayList<>();

    private String read(String key) {
        readsDone.add(key);
        return key + "#" + readsDone.size();
    }

    @Test
    void aFreshValueIsNotReadAgainAndAForgottenOneIs() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        assertThat(recent.get("ravi", this::read)).isEqualTo("ravi#1");
        assertThat(recent.get("ravi", this::read)).isEqualTo("ravi#1");
        recent.forget("ravi");
        assertThat(recent.get("ravi", this::read)).isEqualTo("ravi#2");
        assertThat(readsDone).containsExactly("ravi", "ravi");
    }

    @Test
    void aStaleValueIsReadAgainAndTheKeysNeverOutgrowTheLimit() {
        RecentReads<String> stale = new RecentReads<>(Duration.ZERO, 100);
        stale.get("a", this::read);
        assertThat(stale.get("a", this::read)).isEqualTo("a#2");

        RecentReads<String> small = new RecentReads<>(Duration.ofMinutes(1), 2);
        small.get("a", this::read);
        small.get("b", this::read);
        small.get("c", this::read); // full: what was kept is dropped, c is kept
        assertThat(small.get("c", this::read)).isEqualTo("c#5");
        assertThat(small.get("a", this::read)).isEqualTo("a#6");
    }
}
