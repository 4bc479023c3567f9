package io.flowanalyzer.portal.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Exports: where the files are kept ({@code directory}; the embedded stack uses {@code DATA/exports}),
 * the most records one export may hold (a search matching more is refused with a sentence, never cut
 * short), how many records are read per request, and how long the engine keeps the search's point in
 * time open between two requests.
 */
@ConfigurationProperties("flowanalyzer.portal.export")
public record ExportProperties(
        @DefaultValue("${java.io.tmpdir}/flowanalyzer-exports") String directory,
        @DefaultValue("1000000") long maxRecords,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("2m") Duration keepAlive) {}
