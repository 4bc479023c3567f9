package io.flowanalyzer.portal.attribution;

import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SearchUnavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The attribution page: public address, port and time (with its zone) in; who had it, with the proof, out. */
@Controller
public class AttributionPageController {
    private final AttributionService attribution;

    public AttributionPageController(AttributionService attribution) {
        this.attribution = attribution;
    }

    @GetMapping("/attribution")
    public String attribution(
            @RequestParam(required = false) String ip,
            @RequestParam(required = false) String port,
            @RequestParam(required = false) String time,
            @RequestParam(required = false) String isp,
            Model model) {
        model.addAttribute("ip", ip == null ? "" : ip);
        model.addAttribute("port", port == null ? "" : port);
        model.addAttribute("time", time == null ? "" : time);
        model.addAttribute("isp", isp == null ? "" : isp);
        if (ip == null || ip.isBlank()) {
            return "attribution/attribution"; // the empty form
        }
        try {
            Integer portNumber = null;
            if (port != null && !port.isBlank()) {
                try {
                    portNumber = Integer.valueOf(port.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidSearch("The port must be a number between 0 and 65535.");
                }
            }
            model.addAttribute(
                    "answer",
                    attribution.attribute(
                            AttributionController.address(ip),
                            AttributionController.port(portNumber),
                            AttributionController.instant(time),
                            AttributionController.isp(isp)));
        } catch (InvalidSearch | SearchUnavailable e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "attribution/attribution";
    }
}
