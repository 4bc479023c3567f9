package io.flowanalyzer.portal.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.users.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A saved view as stored in {@code ipdr-objects} (document id {@code view:<id>}): a saved search (its
 * query, time range — absolute, or relative such as {@code now-7d} —, chips, columns and sort), a
 * visualisation (a search and the {@link Visual} drawn of it) or a dashboard (a time range and filter
 * bar in {@code search}, and its {@link Panel}s). Each has an owner, a sharing ({@code private}, {@code everyone}
 * or {@code role:INVESTIGATOR}), a case tag, and a version that every save increments (the versions
 * before are kept as {@code view-version:<id>@<n>}). {@code shipped}: the default set's name and
 * release for views the product ships, so an upgrade replaces them only where no one has edited them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedView(
        String type,
        String id,
        String viewType,
        String title,
        String description,
        String owner,
        String sharing,
        String caseTag,
        int version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        Search search,
        String shipped,
        Visual visual,
        List<Panel> panels) {

    public static final String TYPE = "view";
    public static final String VERSION_TYPE = "view-version";
    public static final String SEARCH = "search";
    public static final String VISUALISATION = "visualisation";
    public static final String DASHBOARD = "dashboard";
    public static final String PRIVATE = "private";
    public static final String EVERYONE = "everyone";
    static final int MAX_TITLE = 200;

    /** What a saved search holds: the sessions search's parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Search(String q, String from, String to, List<String> filters, List<String> columns, String sort) {
        public SessionParams params() {
            return new SessionParams(q, from, to, filters == null ? List.of() : filters, sort, 0, null, columns);
        }

        /** The sessions page of this search (checked: a search that cannot run is refused on save). */
        public String url() {
            return params().query(0).url("/search");
        }
    }

    public static String documentId(String id) {
        return "view:" + id;
    }

    public static String versionId(String id, int version) {
        return "view-version:" + id + "@" + version;
    }

    /** Where it opens: a search on the sessions page, a visualisation or a dashboard on its dashboard page. */
    public String url() {
        if (SEARCH.equals(viewType) || viewType == null) {
            return search == null ? null : search.url();
        }
        return "/dashboards/" + id;
    }

    /** Whether {@code user} (with {@code roles}) may open it: its owner, an administrator, or whom it is shared with. */
    public boolean visibleTo(String user, Set<Role> roles) {
        if (owner != null && owner.equals(user) || roles.contains(Role.ADMIN) || EVERYONE.equals(sharing)) {
            return true;
        }
        if (sharing != null && sharing.startsWith("role:")) {
            String role = sharing.substring(5);
            return roles.stream().anyMatch(r -> r.name().equals(role));
        }
        return false;
    }

    /** Whether {@code user} may change or delete it: its owner or an administrator. */
    public boolean editableBy(String user, Set<Role> roles) {
        return owner != null && owner.equals(user) || roles.contains(Role.ADMIN);
    }

    /** The sharing as typed ({@code Private}, {@code role:investigator}…), in its stored form; a sentence when unknown. */
    public static String sharing(String text) {
        if (text == null || text.isBlank()) {
            return PRIVATE;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals(PRIVATE) || s.equals(EVERYONE)) {
            return s;
        }
        if (s.startsWith("role:")) {
            String role = s.substring(5).toUpperCase(Locale.ROOT);
            for (Role r : Role.values()) {
                if (r.name().equals(role)) {
                    return "role:" + role;
                }
            }
        }
        List<String> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            roles.add("role:" + r.name());
        }
        throw new InvalidSearch("A view is shared as private, everyone or one of " + String.join(", ", roles)
                + "; not '" + io.flowanalyzer.portal.search.Filter.shorten(text) + "'.");
    }

    /** The id a title gives ({@code Night-time activity} → {@code night-time-activity}). */
    public static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.isEmpty()) {
            s = "view";
        }
        s = s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
        // the API's own words for the export and the import are not ids
        return s.equals("export") || s.equals("import") ? s + "-view" : s;
    }

    /** This view as it is saved by {@code user} at {@code now}, one version on. */
    SavedView next(String user, Instant now) {
        return new SavedView(
                TYPE,
                id,
                viewType,
                title,
                description,
                owner,
                sharing,
                caseTag,
                version + 1,
                createdAt == null ? now : createdAt,
                now,
                user,
                search,
                shipped,
                visual,
                panels);
    }

    /** A summary for lists and the audit trail. */
    Map<String, String> described() {
        return Map.of("id", id, "title", title, "version", String.valueOf(version), "sharing", sharing);
    }
}
