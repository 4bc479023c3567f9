package io.flowanalyzer.portal.deliveries;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    public DeliveryUploadController(DeliveryInbox inbox) {
        this.inbox = inbox;
    }

    /** {@code POST /api/deliveries} (multipart: isp, profile optional, file) → 202 with the delivery id to follow. */
    @PostMapping(path = "/api/deliveries", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, Object>> upload(
            @RequestParam(required = false) String isp,
            @RequestParam(required = false) String profile,
            @RequestParam(required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "Attach the delivery as the multipart field 'file'; it must not be empty."));
        }
        try (InputStream in = file.getInputStream()) {
            DeliveryInbox.Received r = inbox.receive(isp, profile, file.getOriginalFilename(), in);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.id());
            body.put("sha256", r.sha256());
            body.put("isp", r.isp());
            body.put("file", r.file());
            body.put("size", r.size());
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
            @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("uploadProblem", "Choose a file to upload; it must not be empty.");
            return "redirect:/deliveries";
        }
        try (InputStream in = file.getInputStream()) {
            DeliveryInbox.Received r = inbox.receive(isp, profile, file.getOriginalFilename(), in);
            redirect.addFlashAttribute(
                    "notice",
                    r.file() + " was received from " + r.isp() + " (SHA-256 " + r.sha256()
                            + "); it appears below as soon as it is being read.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("uploadProblem", e.getMessage());
        }
        return "redirect:/deliveries";
    }
}
