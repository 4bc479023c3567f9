package io.flowanalyzer.correlator.attribution;

import io.flowanalyzer.model.bindings.AttributionRules;
import java.util.List;

/** The RADIUS hop's answer to one {@link AddressLookup}: every subscriber that fits, with its proof. */
public record LookupAnswer(
        String sessionId,
        int generation,
        int index,
        int total,
        List<String> translationEvidence,
        List<AttributionRules.Candidate> candidates) {}
