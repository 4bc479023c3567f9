package io.flowanalyzer.portal.views;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchFailures;
import io.flowanalyzer.portal.system.Conflicts;
import io.flowanalyzer.portal.users.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Saved views in {@code ipdr-objects}: each user sees their own, those shared with everyone or with
 * one of their roles, and an administrator all of them. Every save is a new version (the old ones are
 * kept and listed); a save against a version someone else has replaced is refused, never silently
 * overwritten. Views export to NDJSON and import from it as they were (id, owner, sharing, versions).
 */
@Service
public class SavedViews {
    /** Lines one import reads at most, and the longest line. */
    static final int MAX_IMPORT = 10_000;

    static final int MAX_LINE = 100_000;
    static final String SYSTEM = "system";
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ElasticsearchClient client;
    private final AuditTrail audit;
    private final Clock clock;

    public SavedViews(ElasticsearchClient client, AuditTrail audit) {
        this.client = client;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /** The signed-in user and their roles. */
    record Who(String name, Set<Role> roles) {
        static Who current() {
            Authentication a = SecurityContextHolder.getContext().getAuthentication();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (a == null) {
                return new Who(SYSTEM, EnumSet.of(Role.ADMIN));
            }
            for (GrantedAuthority g : a.getAuthorities()) {
                String name = g.getAuthority().replaceFirst("^ROLE_", "");
                for (Role r : Role.values()) {
                    if (r.name().equals(name)) {
                        roles.add(r);
                    }
                }
            }
            return new Who(a.getName(), roles);
        }
    }

    /** The views this user may open, by title. */
    public List<SavedView> list() {
        Who who = Who.current();
        return all(SavedView.TYPE, null).stream()
                .filter(v -> v.visibleTo(who.name(), who.roles()))
                .toList();
    }

    /** Whether the signed-in user may change or delete {@code v}. */
    public boolean editable(SavedView v) {
        Who who = Who.current();
        return v.editableBy(who.name(), who.roles());
    }

    public SavedView get(String id) {
        Who who = Who.current();
        SavedView v = read(id).view();
        if (v == null || !v.visibleTo(who.name(), who.roles())) {
            throw ViewRefused.notFound(id);
        }
        return v;
    }

    /** Its versions, newest first (each as it was saved). */
    public List<SavedView> history(String id) {
        get(id);
        return all(SavedView.VERSION_TYPE, id);
    }

    /** Saves a new view owned by the user; its id comes from its title (made unique). */
    public SavedView create(SavedView draft) {
        Who who = Who.current();
        SavedView checked = checked(draft);
        String base = SavedView.slug(checked.title());
        Instant now = clock.instant();
        for (int n = 1; n < 1000; n++) {
            String id = n == 1 ? base : base + "-" + n;
            SavedView v = new SavedView(
                    SavedView.TYPE,
                    id,
                    checked.viewType(),
                    checked.title(),
                    checked.description(),
                    who.name(),
                    checked.sharing(),
                    checked.caseTag(),
                    1,
                    now,
                    now,
                    who.name(),
                    checked.search(),
                    null,
                    checked.visual(),
                    checked.panels());
            if (io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(client, SavedView.documentId(id), v)) {
                keep(v);
                audit.record("view_saved", "ok", null, "saved view " + id + " v1", v.described());
                return v;
            }
        }
        throw new InvalidSearch("Too many views are called '" + checked.title() + "'; choose another title.");
    }

    /** Saves {@code draft} over the view as its next version, if {@code expected} is still the latest. */
    public SavedView update(String id, SavedView draft, int expected) {
        Who who = Who.current();
        Stored stored = read(id);
        SavedView current = stored.view();
        if (current == null || !current.visibleTo(who.name(), who.roles())) {
            throw ViewRefused.notFound(id);
        }
        if (!current.editableBy(who.name(), who.roles())) {
            throw new ViewRefused(
                    403,
                    "Only its owner (" + current.owner() + ") or an administrator can change '" + current.title()
                            + "'; save a copy of your own instead.");
        }
        if (expected != current.version()) {
            throw changed(current);
        }
        SavedView checked = checked(draft);
        SavedView next = new SavedView(
                        SavedView.TYPE,
                        id,
                        checked.viewType(),
                        checked.title(),
                        checked.description(),
                        current.owner(),
                        checked.sharing(),
                        checked.caseTag(),
                        current.version(),
                        current.createdAt(),
                        null,
                        null,
                        checked.search(),
                        current.shipped(),
                        checked.visual(),
                        checked.panels())
                .next(who.name(), clock.instant());
        if (!replace(stored, next)) {
            throw changed(read(id).view());
        }
        keep(next);
        audit.record("view_saved", "ok", null, "saved view " + id + " v" + next.version(), next.described());
        return next;
    }

    public void delete(String id) {
        Who who = Who.current();
        SavedView current = get(id);
        if (!current.editableBy(who.name(), who.roles())) {
            throw new ViewRefused(
                    403,
                    "Only its owner (" + current.owner() + ") or an administrator can delete '" + current.title()
                            + "'.");
        }
        try {
            client.delete(
                    d -> d.index(Indices.OBJECTS).id(SavedView.documentId(id)).refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
        audit.record("view_deleted", "ok", null, "deleted view " + id, current.described());
    }

    /** The views this user may open, one JSON object per line. */
    public String export() {
        StringBuilder out = new StringBuilder();
        List<SavedView> views = list();
        for (SavedView v : views) {
            try {
                out.append(JSON.writeValueAsString(v)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        audit.record("view_export", "ok", null, "exported " + views.size() + " views", Map.of());
        return out.toString();
    }

    /** What became of each line of an import. */
    public record Imported(int lines, int imported, int unchanged, List<String> refused) {}

    /**
     * Reads NDJSON views: one absent here is stored as it was (its id, owner, sharing, version and times);
     * one present and identical is left alone; one present and different is refused with its line,
     * never overwritten (import it under another title, or delete the one here first).
     */
    public Imported importViews(BufferedReader in) throws IOException {
        Who who = Who.current();
        int lines = 0;
        int imported = 0;
        int unchanged = 0;
        List<String> refused = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines++;
            if (lines > MAX_IMPORT) {
                refused.add("line " + lines + " and after: an import holds at most " + MAX_IMPORT + " views");
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                refused.add("line " + lines + ": longer than " + MAX_LINE + " characters");
                continue;
            }
            try {
                SavedView v = JSON.readValue(line, SavedView.class);
                if (v.id() == null || !v.id().matches("[a-z0-9][a-z0-9-]{0,79}")) {
                    refused.add("line " + lines + ": the id is missing or not lower-case letters, digits and dashes");
                    continue;
                }
                SavedView checked = checked(v);
                String owner = v.owner() == null ? who.name() : v.owner();
                if (!owner.equals(who.name()) && !who.roles().contains(Role.ADMIN)) {
                    refused.add("line " + lines + ": '" + v.id() + "' belongs to " + owner
                            + "; only an administrator imports other users' views");
                    continue;
                }
                Instant now = clock.instant();
                SavedView stored = new SavedView(
                        SavedView.TYPE,
                        v.id(),
                        checked.viewType(),
                        checked.title(),
                        checked.description(),
                        owner,
                        checked.sharing(),
                        checked.caseTag(),
                        Math.max(1, v.version()),
                        v.createdAt() == null ? now : v.createdAt(),
                        v.updatedAt() == null ? now : v.updatedAt(),
                        v.updatedBy() == null ? owner : v.updatedBy(),
                        checked.search(),
                        v.shipped(),
                        checked.visual(),
                        checked.panels());
                if (io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(
                        client, SavedView.documentId(v.id()), stored)) {
                    keep(stored);
                    imported++;
                } else if (stored.equals(read(v.id()).view())) {
                    unchanged++;
                } else {
                    refused.add("line " + lines + ": a different view '" + v.id() + "' is here already");
                }
            } catch (InvalidSearch e) {
                refused.add("line " + lines + ": " + e.getMessage());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                refused.add("line " + lines + ": not a saved view in JSON");
            }
        }
        Imported result = new Imported(lines, imported, unchanged, refused);
        audit.record(
                "view_import",
                refused.isEmpty() ? "ok" : "partial",
                null,
                "imported " + imported + " of " + lines + " lines",
                Map.of("imported", String.valueOf(imported), "refused", String.valueOf(refused.size())));
        return result;
    }

    /**
     * Installs a shipped view: stored when absent; replaced by a newer release only while no user has
     * saved it since (its last save is the system's); a view a user edited is left as they made it.
     * Answers what it did: {@code installed}, {@code upgraded}, {@code kept}.
     */
    String ship(SavedView given) {
        SavedView shipped = checked(given.sharing() == null ? withSharing(given, SavedView.EVERYONE) : given);
        Instant now = clock.instant();
        SavedView fresh = new SavedView(
                SavedView.TYPE,
                shipped.id(),
                shipped.viewType(),
                shipped.title(),
                shipped.description(),
                SYSTEM,
                shipped.sharing(),
                null,
                1,
                now,
                now,
                SYSTEM,
                shipped.search(),
                shipped.shipped(),
                shipped.visual(),
                shipped.panels());
        if (io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(
                client, SavedView.documentId(shipped.id()), fresh)) {
            keep(fresh);
            return "installed";
        }
        Stored stored = read(shipped.id());
        SavedView current = stored.view();
        if (current == null
                || !SYSTEM.equals(current.updatedBy())
                || current.shipped() == null
                || current.shipped().equals(shipped.shipped())
                || release(current.shipped()) >= release(shipped.shipped())) {
            return "kept";
        }
        SavedView next = new SavedView(
                        SavedView.TYPE,
                        current.id(),
                        shipped.viewType(),
                        shipped.title(),
                        shipped.description(),
                        current.owner(),
                        current.sharing(),
                        current.caseTag(),
                        current.version(),
                        current.createdAt(),
                        null,
                        null,
                        shipped.search(),
                        shipped.shipped(),
                        shipped.visual(),
                        shipped.panels())
                .next(SYSTEM, now);
        if (!replace(stored, next)) {
            return "kept"; // someone saved it a moment ago: theirs stands
        }
        keep(next);
        return "upgraded";
    }

    /** Writes {@code next} over the stored view if no one has written it since it was read; false when someone has. */
    private boolean replace(Stored stored, SavedView next) {
        try {
            client.index(i -> i.index(Indices.OBJECTS)
                    .id(SavedView.documentId(next.id()))
                    .document(next)
                    .ifSeqNo(stored.seqNo())
                    .ifPrimaryTerm(stored.primaryTerm())
                    .refresh(Refresh.True));
            return true;
        } catch (ElasticsearchException | IOException e) {
            if (Conflicts.isConflict(e)) {
                return false;
            }
            throw SearchFailures.explain(e);
        }
    }

    private static SavedView withSharing(SavedView v, String sharing) {
        return new SavedView(
                v.type(),
                v.id(),
                v.viewType(),
                v.title(),
                v.description(),
                v.owner(),
                sharing,
                v.caseTag(),
                v.version(),
                v.createdAt(),
                v.updatedAt(),
                v.updatedBy(),
                v.search(),
                v.shipped(),
                v.visual(),
                v.panels());
    }

    /** {@code default@3} → 3. */
    static int release(String shipped) {
        int at = shipped == null ? -1 : shipped.lastIndexOf('@');
        try {
            return at < 0 ? 0 : Integer.parseInt(shipped.substring(at + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ViewRefused changed(SavedView now) {
        return new ViewRefused(
                409,
                "'" + (now == null ? "This view" : now.title()) + "' was saved by "
                        + (now == null ? "someone else" : now.updatedBy()) + " since you opened it (now version "
                        + (now == null ? "?" : now.version()) + "); open it again and make your change there.");
    }

    /**
     * The draft with its title, kind, sharing and content checked: a search that cannot run, a panel
     * that cannot be drawn, is refused now, not when someone opens it.
     */
    static SavedView checked(SavedView draft) {
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > SavedView.MAX_TITLE) {
            throw new InvalidSearch("A view needs a title of 1 to " + SavedView.MAX_TITLE + " characters.");
        }
        String kind = draft.viewType() == null
                ? SavedView.SEARCH
                : draft.viewType().strip().toLowerCase(java.util.Locale.ROOT);
        SavedView.Search search = draft.search();
        Visual visual = null;
        List<Panel> panels = null;
        switch (kind) {
            case SavedView.SEARCH -> {
                if (search == null) {
                    throw new InvalidSearch("A saved search needs its search (q, from, to, filters).");
                }
            }
            case SavedView.VISUALISATION -> {
                if (draft.visual() == null) {
                    throw new InvalidSearch("A visualisation needs what it draws (visual: kind, field, metric, size).");
                }
                visual = draft.visual().checked();
            }
            case SavedView.DASHBOARD -> {
                List<Panel> given = draft.panels() == null ? List.of() : draft.panels();
                if (given.size() > Panel.MAX_PANELS) {
                    throw new InvalidSearch("A dashboard holds at most " + Panel.MAX_PANELS + " panels.");
                }
                panels = new ArrayList<>();
                for (int i = 0; i < given.size(); i++) {
                    if (given.get(i) == null) {
                        throw new InvalidSearch("Panel " + (i + 1) + " is empty.");
                    }
                    panels.add(given.get(i).checked(i + 1));
                }
                panels = List.copyOf(panels);
            }
            default -> throw new InvalidSearch("A view is a search, a visualisation or a dashboard; not '"
                    + io.flowanalyzer.portal.search.Filter.shorten(kind) + "'.");
        }
        if (search == null) {
            search = new SavedView.Search(null, null, null, null, null, null);
        }
        search.url();
        String description =
                draft.description() == null ? null : draft.description().strip();
        if (description != null && description.length() > 2000) {
            throw new InvalidSearch("A view's description is at most 2,000 characters.");
        }
        String caseTag = draft.caseTag() == null || draft.caseTag().isBlank()
                ? null
                : draft.caseTag().strip();
        return new SavedView(
                SavedView.TYPE,
                draft.id(),
                kind,
                title,
                description,
                draft.owner(),
                SavedView.sharing(draft.sharing()),
                caseTag,
                draft.version(),
                draft.createdAt(),
                draft.updatedAt(),
                draft.updatedBy(),
                search,
                draft.shipped(),
                visual,
                panels);
    }

    /** Keeps this version in the history. */
    private void keep(SavedView v) {
        try {
            Map<String, Object> doc = JSON.convertValue(v, LINKED_MAP);
            doc.put("type", SavedView.VERSION_TYPE);
            client.index(i -> i.index(Indices.OBJECTS)
                    .id(SavedView.versionId(v.id(), v.version()))
                    .document(doc)
                    .refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> LINKED_MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private record Stored(SavedView view, long seqNo, long primaryTerm) {}

    private Stored read(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            return new Stored(null, 0, 0);
        }
        try {
            @SuppressWarnings("rawtypes")
            GetResponse<Map> found = client.get(g -> g.index(Indices.OBJECTS).id(SavedView.documentId(id)), Map.class);
            if (!found.found() || found.source() == null) {
                return new Stored(null, 0, 0);
            }
            SavedView v = JSON.convertValue(found.source(), SavedView.class);
            return new Stored(
                    v,
                    found.seqNo() == null ? 0 : found.seqNo(),
                    found.primaryTerm() == null ? 0 : found.primaryTerm());
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }

    /** Every stored object of {@code type} (for one view's versions: {@code id}), by title or newest version first. */
    @SuppressWarnings("rawtypes")
    private List<SavedView> all(String type, String id) {
        try {
            var found = client.search(
                    s -> s.index(Indices.OBJECTS)
                            .query(q -> q.bool(b -> {
                                b.filter(f -> f.term(t -> t.field("type").value(type)));
                                if (id != null) {
                                    b.filter(f -> f.term(t -> t.field("id").value(id)));
                                }
                                return b;
                            }))
                            .size(1_000)
                            .sort(so -> id == null
                                    ? so.field(f -> f.field("title").order(SortOrder.Asc))
                                    : so.field(f -> f.field("version").order(SortOrder.Desc))),
                    Map.class);
            List<SavedView> views = new ArrayList<>();
            for (Hit<Map> hit : found.hits().hits()) {
                views.add(JSON.convertValue(hit.source(), SavedView.class));
            }
            return views;
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
