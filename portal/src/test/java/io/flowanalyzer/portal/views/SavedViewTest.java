package io.flowanalyzer.portal.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.users.Role;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedViewTest {
    private static SavedView shared(String owner, String sharing) {
        return new SavedView(
                SavedView.TYPE,
                "v",
                SavedView.SEARCH,
                "V",
                null,
                owner,
                sharing,
                null,
                1,
                null,
                null,
                null,
                new SavedView.Search("app:WhatsApp", null, null, List.of(), null, null),
                null,
                null,
                null);
    }

    @Test
    void aViewIsSeenByItsOwnerAnAdministratorAndWhomItIsSharedWith() {
        EnumSet<Role> investigator = EnumSet.of(Role.INVESTIGATOR);
        assertThat(shared("asha", "private").visibleTo("asha", investigator)).isTrue();
        assertThat(shared("asha", "private").visibleTo("ravi", investigator)).isFalse();
        assertThat(shared("asha", "private").visibleTo("root", EnumSet.of(Role.ADMIN)))
                .isTrue();
        assertThat(shared("asha", "everyone").visibleTo("ravi", EnumSet.of(Role.AUDITOR)))
                .isTrue();
        assertThat(shared("asha", "role:INVESTIGATOR").visibleTo("ravi", investigator))
                .isTrue();
        assertThat(shared("asha", "role:SUPERVISOR").visibleTo("ravi", investigator))
                .isFalse();
        // seen is not changed: only the owner and an administrator change or delete it
        assertThat(shared("asha", "everyone").editableBy("ravi", investigator)).isFalse();
        assertThat(shared("asha", "everyone").editableBy("asha", investigator)).isTrue();
        assertThat(shared("asha", "everyone").editableBy("root", EnumSet.of(Role.ADMIN)))
                .isTrue();
    }

    @Test
    void sharingIsPrivateEveryoneOrARoleAndAnythingElseIsASentence() {
        assertThat(SavedView.sharing(null)).isEqualTo("private");
        assertThat(SavedView.sharing(" Everyone ")).isEqualTo("everyone");
        assertThat(SavedView.sharing("role:investigator")).isEqualTo("role:INVESTIGATOR");
        assertThatThrownBy(() -> SavedView.sharing("role:janitor"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("A view is shared as private, everyone or one of role:ADMIN, role:SUPERVISOR,"
                        + " role:INVESTIGATOR, role:AUDITOR; not 'role:janitor'.");
    }

    @Test
    void anIdComesFromTheTitleAndNeverNamesTheExportOrTheImport() {
        assertThat(SavedView.slug("Night-time activity (Case 2026/114)"))
                .isEqualTo("night-time-activity-case-2026-114");
        assertThat(SavedView.slug("¿¿")).isEqualTo("view");
        assertThat(SavedView.slug("Export")).isEqualTo("export-view");
        assertThat(SavedView.slug("x".repeat(100))).hasSize(60);
    }

    @Test
    void aSavedSearchOpensAsTheSessionsPageWithItsChipsSortAndColumns() {
        SavedView.Search s = new SavedView.Search(
                "app:WhatsApp",
                "now-7d",
                null,
                List.of("isp:jio", "-flag:watch_list"),
                List.of("start", "a_party"),
                "-bytes_down");
        assertThat(s.url())
                .isEqualTo(
                        "/search?q=app:WhatsApp&from=now-7d&f=isp:jio&f=-flag:watch_list&sort=-bytes_down&col=start,a_party");
        assertThatThrownBy(() -> new SavedView.Search(null, null, null, List.of("moon:full"), null, null).url())
                .isInstanceOf(InvalidSearch.class)
                .hasMessageStartingWith("There is no filter called 'moon'");
    }

    @Test
    void theShippedViewsAreSharedWithEveryoneAndEachOpensASearchThatRuns() throws Exception {
        List<SavedView> shipped = DefaultViews.shipped();
        assertThat(shipped)
                .extracting(SavedView::id)
                .containsExactly(
                        "messaging-apps-by-subscriber",
                        "watch-list-contacts",
                        "top-talkers-by-volume",
                        "unattributed-sessions",
                        "impossible-travel",
                        "flagged-in-the-last-7-days",
                        "night-time-activity",
                        "sessions-over-time",
                        "top-talkers-by-bytes-down",
                        "apps-and-services",
                        "flags-fired",
                        "distinct-subscribers",
                        "cells-on-the-map",
                        "who-uses-which-app",
                        "investigation-overview",
                        "data-quality");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SavedView v : shipped) {
            assertThat(v.id()).isEqualTo(SavedView.slug(v.title()));
            assertThat(v.sharing()).isEqualTo("everyone");
            assertThat(SavedViews.release(v.shipped())).isEqualTo(1);
            SavedView checked = SavedViews.checked(v);
            assertThat(checked.url()).startsWith(SavedView.SEARCH.equals(v.viewType()) ? "/search" : "/dashboards/");
            // a panel names only views shipped before it, never a dashboard
            for (Panel p : checked.panels() == null ? List.<Panel>of() : checked.panels()) {
                assertThat(p.view() == null || ids.contains(p.view()))
                        .as(p.view())
                        .isTrue();
            }
            ids.add(v.id());
        }
        SavedView overview = SavedViews.checked(shipped.get(shipped.size() - 2));
        assertThat(overview.panels()).hasSize(11);
        assertThat(overview.panels().get(0).visual()).isEqualTo(new Visual("metric", null, "sessions", null));
        assertThat(overview.panels().get(10).visual()).isEqualTo(new Visual("table", null, null, 8));
        SavedView quality = SavedViews.checked(shipped.get(shipped.size() - 1));
        assertThat(quality.panels())
                .extracting(p -> p.visual().field())
                .containsExactly("deliveries", "coverage", "rejects", "missing", "skew", "duplicates");
        assertThat(SavedViews.release("default@12")).isEqualTo(12);
        assertThat(SavedViews.release(null)).isZero();
    }
}
