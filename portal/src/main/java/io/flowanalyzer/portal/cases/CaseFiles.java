package io.flowanalyzer.portal.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Tagging delivered files with a case: the case keeps the SHA-256 of each file that belongs to it, and
 * a user whose scope names the case as a tag reads the records of those files only. Files are named by
 * their SHA-256 or by the id of their delivery (looked up in custody). Supervisors and administrators
 * tag in any open case; an investigator in the open cases they are a member of. Audited.
 */
@Service
public class CaseFiles {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9a-f]{32}");
    /** More than any case needs, and small enough for the terms lookup every scoped query makes. */
    static final int MAX_FILES = 50_000;

    private final CaseStore store;
    private final ElasticsearchClient client;
    private final AuditTrail audit;

    public CaseFiles(CaseStore store, ElasticsearchClient client, AuditTrail audit) {
        this.store = store;
        this.client = client;
        this.audit = audit;
    }

    /** The open case numbered {@code number} if {@code who} may tag files with it; otherwise why not. */
    public CaseFile taggable(String number, Authentication who) {
        CaseFile file = store.find(number == null ? "" : number.strip())
                .orElseThrow(() -> new InvalidSearch("There is no case numbered " + number + "."));
        boolean manages = CaseController.manages(who);
        boolean investigates = file.hasMember(who.getName())
                && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_INVESTIGATOR"));
        if (!manages && !investigates) {
            throw new InvalidSearch("Only the case's investigators, supervisors and administrators tag files with case "
                    + file.number() + ".");
        }
        if (file.status() == CaseFile.Status.CLOSED) {
            throw new InvalidSearch("Case " + file.number() + " is closed; a closed case is not changed.");
        }
        return file;
    }

    /**
     * Adds and removes files (SHA-256 or delivery ids) of case {@code number}; {@code how} says where
     * the change came from (for the audit entry). Returns the case as saved.
     */
    public CaseFile tag(
            String number, Collection<String> add, Collection<String> remove, Authentication who, String how) {
        CaseFile old = taggable(number, who);
        List<String> added = hashes(add);
        List<String> removed = hashes(remove);
        LinkedHashSet<String> files = new LinkedHashSet<>(old.files());
        files.addAll(added);
        removed.forEach(files::remove);
        if (files.size() > MAX_FILES) {
            throw new InvalidSearch("A case holds at most " + MAX_FILES + " files; case " + old.number()
                    + " would hold " + files.size() + ".");
        }
        CaseFile file = old.withFiles(List.copyOf(files), Instant.now());
        store.save(file);
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("case", file.number());
        detail.put("added", String.join(",", added));
        detail.put("removed", String.join(",", removed));
        detail.put("files", String.valueOf(file.files().size()));
        audit.record(
                "case_change",
                "ok",
                "case:" + file.number(),
                how + ": " + added.size() + " file(s) tagged with case " + file.number() + ", " + removed.size()
                        + " untagged; it holds " + file.files().size(),
                detail);
        return file;
    }

    private List<String> hashes(Collection<String> given) {
        List<String> out = new ArrayList<>();
        for (String entry : given == null ? List.<String>of() : given) {
            for (String one : entry.split("[,\\s]+")) {
                String v = one.strip().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                if (SHA256.matcher(v).matches()) {
                    out.add(v);
                } else if (DELIVERY_ID.matcher(v).matches()) {
                    out.add(sha256Of(v));
                } else {
                    throw new InvalidSearch("'" + one.strip()
                            + "' is neither a file's SHA-256 (64 hex digits) nor a delivery id (32 hex digits).");
                }
            }
        }
        return out;
    }

    @SuppressWarnings("rawtypes")
    private String sha256Of(String deliveryId) {
        try {
            GetResponse<Map> found = client.get(g -> g.index(Indices.CUSTODY).id(deliveryId), Map.class);
            Object sha = found.found() ? found.source().get("sha256") : null;
            if (sha == null) {
                throw new InvalidSearch("There is no delivery with the id " + deliveryId + ".");
            }
            return sha.toString();
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw new InvalidSearch("There is no delivery with the id " + deliveryId + ".");
        } catch (IOException e) {
            throw new SearchUnavailable("The search service is not answering right now. Try again in a moment.", e);
        }
    }
}
