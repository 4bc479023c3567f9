package io.flowanalyzer.portal.attribution;

import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.portal.search.InvalidSearch;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/attribution?ip=&port=&time=&isp=}: who had a public address (and port) at a time. */
@RestController
public class AttributionController {
    private final AttributionService attribution;

    public AttributionController(AttributionService attribution) {
        this.attribution = attribution;
    }

    @GetMapping("/api/attribution")
    public AttributionService.Answer attribute(
            @RequestParam(required = false) String ip,
            @RequestParam(required = false) Integer port,
            @RequestParam(required = false) String time,
            @RequestParam(required = false) String isp) {
        return attribution.attribute(address(ip), port(port), instant(time), isp(isp));
    }

    static String address(String ip) {
        return IpAddresses.normalise(ip)
                .orElseThrow(() -> new InvalidSearch("Give the public address as ip=, an IPv4 or IPv6 address."));
    }

    static Integer port(Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new InvalidSearch("The port must be between 0 and 65535.");
        }
        return port;
    }

    /** A time with its zone: the same wall-clock time means different instants in different zones. */
    static Instant instant(String time) {
        if (time == null || time.isBlank()) {
            throw new InvalidSearch(
                    "Give the time as time=, with its zone: 2026-11-24T10:30:00+05:30 or 2026-11-24T05:00:00Z.");
        }
        try {
            return OffsetDateTime.parse(time.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidSearch("The time '" + time.strip() + "' is not a date and time with its zone, such as"
                    + " 2026-11-24T10:30:00+05:30 or 2026-11-24T05:00:00Z.");
        }
    }

    static String isp(String isp) {
        if (isp == null || isp.isBlank()) {
            return null;
        }
        if (!isp.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new InvalidSearch("The isp must be a plain name, as the ISP's deliveries carry it.");
        }
        return isp;
    }
}
