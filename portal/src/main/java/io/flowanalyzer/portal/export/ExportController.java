package io.flowanalyzer.portal.export;

import io.flowanalyzer.portal.search.SearchParams;
import io.flowanalyzer.portal.search.SessionParams;
import java.io.IOException;
import java.nio.file.Files;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The export API: {@code POST /api/exports} with the sessions search parameters starts a CSV export
 * of every matching record and answers 202 with its id; {@code GET /api/exports/{id}} follows it
 * (status, written of total, SHA-256 when complete); {@code GET /api/exports/{id}/file} downloads it.
 */
@RestController
public class ExportController {
    private final Exports exports;
    private final io.flowanalyzer.portal.audit.AuditTrail audit;

    public ExportController(Exports exports, io.flowanalyzer.portal.audit.AuditTrail audit) {
        this.exports = exports;
        this.audit = audit;
    }

    @PostMapping("/api/exports")
    public ResponseEntity<Map<String, Object>> start(
            SessionParams params,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "csv") String format,
            Principal user) {
        ExportJob job = exports.begin(format, params.query(SearchParams.DEFAULT_SIZE), user.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("status", job.status());
        body.put("status_url", "/api/exports/" + job.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/api/exports/{id}")
    public ResponseEntity<Object> status(@PathVariable String id, Principal user) {
        return exports.find(id, user.getName())
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound(id));
    }

    @GetMapping("/api/exports/{id}/file")
    public ResponseEntity<?> file(@PathVariable String id, Principal user) throws IOException {
        return download(exports, audit, id, user);
    }

    /** The finished file as an attachment; 404 for someone else's export, 409 while it is not complete. */
    static ResponseEntity<?> download(
            Exports exports, io.flowanalyzer.portal.audit.AuditTrail audit, String id, Principal user)
            throws IOException {
        ExportJob job = exports.find(id, user.getName()).orElse(null);
        if (job == null) {
            return notFound(id);
        }
        if (job.status() != ExportJob.Status.COMPLETE || !Files.isRegularFile(job.file())) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of(
                            "error", "The export is " + job.status().word() + "; it can be downloaded once complete."));
        }
        audit.record(
                "download_export",
                "ok",
                id,
                job.fileName() + " sha256 " + job.sha256(),
                Map.of("sha256", job.sha256()));
        Resource file = new FileSystemResource(job.file());
        return ResponseEntity.ok()
                .contentType(
                        switch (job.format()) {
                            case "pdf" -> MediaType.APPLICATION_PDF;
                            case "zip" -> new MediaType("application", "zip");
                            default -> new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
                        })
                .contentLength(job.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(job.fileName())
                                .build()
                                .toString())
                .header("X-Content-SHA256", job.sha256())
                .body(file);
    }

    private static <T> ResponseEntity<T> notFound(String id) {
        @SuppressWarnings("unchecked")
        T body = (T)
                Map.of("error", "There is no export " + (id.length() > 40 ? id.substring(0, 40) : id) + " of yours.");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
    }
}
