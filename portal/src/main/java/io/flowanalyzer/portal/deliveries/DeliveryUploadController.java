package io.flowanalyzer.portal.deliveries;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The upload feed: a delivery handed over through the API or the deliveries page goes to the inbox. */
@Controller
public class DeliveryUploadController {
    private final DeliveryInbox inbox;
    private final io.flowanalyzer.portal.cases.CaseFiles caseFiles;

    public DeliveryUploadController(DeliveryInbox inbox, io.flowanalyzer.portal.cases.CaseFiles caseFiles) {
        this.inbox = inbox;
        this.caseFiles = caseFiles;
    }

    /**
     * Receives a delivery and, when {@code caseNumber} is given, tags its files (the file and a zip's
     * entries) with that case; whether the user may tag with the case is checked before anything is kept.
     */
    private DeliveryInbox.Received receive(
            String isp, String profile, String caseNumber, MultipartFile file, Authentication who) throws IOException {
        boolean tagged = caseNumber != null && !caseNumber.isBlank();
        if (tagged) {
            caseFiles.taggable(caseNumber, who);
        }
        DeliveryInbox.Received r;
        try (InputStream in = file.getInputStream()) {
            r = inbox.receive(isp, profile, file.getOriginalFilename(), in, tagged);
        }
        if (tagged) {
            caseFiles.tag(caseNumber, r.files(), null, who, "upload of " + r.file() + " from " + r.isp());
        }
        return r;
    }

    /**
     * {@code POST /api/deliveries} (multipart: isp, profile optional, case optional, file) → 202 with the
     * delivery id to follow; with {@code case}, the delivered files are tagged with that case.
     */
    @PostMapping(path = "/api/deliveries", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, Object>> upload(
            @RequestParam(required = false) String isp,
            @RequestParam(required = false) String profile,
            @RequestParam(name = "case", required = false) String caseNumber,
            @RequestParam(required = false) MultipartFile file,
            Authentication who)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "Attach the delivery as the multipart field 'file'; it must not be empty."));
        }
        try {
            DeliveryInbox.Received r = receive(isp, profile, caseNumber, file, who);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.id());
            body.put("sha256", r.sha256());
            body.put("isp", r.isp());
            body.put("file", r.file());
            body.put("size", r.size());
            if (caseNumber != null && !caseNumber.isBlank()) {
                body.put("case", caseNumber.strip());
                body.put("files", r.files());
            }
            body.put("status", "received");
            body.put("follow", "/api/deliveries/" + r.id());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    /** The deliveries page's upload form. */
    @PostMapping("/deliveries/upload")
    public String uploadFromPage(
            @RequestParam(required = false) String isp,
            @RequestParam(required = false) String profile,
            @RequestParam(name = "case", required = false) String caseNumber,
            @RequestParam(required = false) MultipartFile file,
            Authentication who,
            RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("uploadProblem", "Choose a file to upload; it must not be empty.");
            return "redirect:/deliveries";
        }
        try {
            DeliveryInbox.Received r = receive(isp, profile, caseNumber, file, who);
            redirect.addFlashAttribute(
                    "notice",
                    r.file() + " was received from " + r.isp() + " (SHA-256 " + r.sha256() + ")"
                            + (caseNumber == null || caseNumber.isBlank()
                                    ? ""
                                    : " and tagged with case " + caseNumber.strip())
                            + "; it appears below as soon as it is being read.");
        } catch (IllegalArgumentException | io.flowanalyzer.portal.search.InvalidSearch e) {
            redirect.addFlashAttribute("uploadProblem", e.getMessage());
        }
        return "redirect:/deliveries";
    }
}
