package io.flowanalyzer.correlator.attribution;

import java.time.Instant;
import java.util.List;

/**
 * A question from the NAT hop to the RADIUS hop: who had {@code address} at {@code time}? One of
 * {@code total} questions the NAT hop asked for the session in its {@code generation}-th look (a look
 * is repeated when late evidence or a re-delivery changes what the NAT hop knows), with the method the
 * answer will carry, the ISP whose evidence alone counts (null: any ISP's), the private port and the
 * translation records that led here.
 */
public record AddressLookup(
        String sessionId,
        int generation,
        int index,
        int total,
        String method,
        String address,
        String scopeIsp,
        Integer privatePort,
        Instant time,
        List<String> translationEvidence) {

    /** Where in the RADIUS hop's state this question is kept: one per session and position. */
    public String slot() {
        return sessionId + "#" + index;
    }
}
