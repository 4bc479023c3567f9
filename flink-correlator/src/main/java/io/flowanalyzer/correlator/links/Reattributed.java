package io.flowanalyzer.correlator.links;

import io.flowanalyzer.correlator.detectors.Observation;

/**
 * A relay session whose attribution changed after links had it — late evidence named another
 * subscriber, or more than one: the links it made are written again with whom it names now, or
 * withdrawn when it names nobody (or the same subscriber as its partner).
 *
 * @param now the session as it is attributed now; null when it names nobody any more
 */
public record Reattributed(String sessionId, String destinationIp, long at, String category, Observation now) {}
