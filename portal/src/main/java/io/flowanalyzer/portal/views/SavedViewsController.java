package io.flowanalyzer.portal.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved views as JSON: list, read, create, save a new version (with the version it was made from), delete,
 * their versions, and NDJSON export and import. Each answers within what the user may see.
 */
@RestController
public class SavedViewsController {
    static final int MAX_IMPORT_CHARS = 20 * 1024 * 1024;

    private final SavedViews views;

    public SavedViewsController(SavedViews views) {
        this.views = views;
    }

    /** The views this user may open, each with the address of its search. */
    @GetMapping("/api/views")
    public List<Listed> list() {
        return views.list().stream().map(Listed::of).toList();
    }

    /** A view with the address of its search and when it was last saved, as a page shows it. */
    public record Listed(SavedView view, String url, String saved) {
        private static final java.time.format.DateTimeFormatter MINUTE =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

        static Listed of(SavedView v) {
            return new Listed(v, v.url(), v.updatedAt() == null ? null : MINUTE.format(v.updatedAt()));
        }
    }

    @GetMapping("/api/views/{id}")
    public Listed get(@PathVariable String id) {
        return Listed.of(views.get(id));
    }

    @GetMapping("/api/views/{id}/versions")
    public List<SavedView> versions(@PathVariable String id) {
        return views.history(id);
    }

    @PostMapping(value = "/api/views", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Listed create(@RequestBody SavedView draft) {
        return Listed.of(views.create(draft));
    }

    /** {@code version}: the version the change was made from; a newer one stored meanwhile refuses it (409). */
    @PutMapping(value = "/api/views/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Listed update(@PathVariable String id, @RequestParam int version, @RequestBody SavedView draft) {
        return Listed.of(views.update(id, draft, version));
    }

    @DeleteMapping("/api/views/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        views.delete(id);
    }

    @GetMapping(value = "/api/views/export", produces = "application/x-ndjson")
    public ResponseEntity<String> export() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"views.ndjson\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(views.export());
    }

    @PostMapping(
            value = "/api/views/import",
            consumes = {"application/x-ndjson", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public SavedViews.Imported importViews(@RequestBody String ndjson) throws IOException {
        if (ndjson.length() > MAX_IMPORT_CHARS) {
            throw new io.flowanalyzer.portal.search.InvalidSearch(
                    "An import is at most 20 MB of NDJSON; split the file.");
        }
        return views.importViews(new BufferedReader(new StringReader(ndjson)));
    }
}
