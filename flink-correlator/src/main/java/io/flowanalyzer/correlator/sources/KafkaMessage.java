package io.flowanalyzer.correlator.sources;

/** One message read from an ingest topic, still as bytes: the functions decide what it is. */
public record KafkaMessage(String topic, String key, byte[] value) {}
