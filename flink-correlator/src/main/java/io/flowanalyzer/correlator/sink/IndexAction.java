package io.flowanalyzer.correlator.sink;

/** One document to index: target index, deterministic id and the JSON source. */
public record IndexAction(String index, String id, byte[] json) {}
