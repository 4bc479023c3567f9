package io.flowanalyzer.ingest;

import io.flowanalyzer.ingest.feeds.RemoteFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingest layer's settings. The inbox holds one folder per ISP ({@code inbox/<isp>/<file>});
 * read files move to {@code done}, unreadable ones to {@code quarantine}, and a JSON receipt with
 * the delivery's counts is written under {@code receipts}. Zone-less times are read in the ISP's
 * zone from {@code ispTimeZones}, else in {@code timeZone}, else in the format profile's zone, else
 * UTC. Operators add format profiles as YAML files in {@code profiles}. Remote {@code feeds} (sftp) keep
 * their work folders and their record of fetched files under {@code feedsState}.
 */
@ConfigurationProperties("flowanalyzer.ingest")
public record IngestProperties(
        @DefaultValue("data/inbox") Path inbox,
        @DefaultValue("data/ingest/done") Path done,
        @DefaultValue("data/ingest/quarantine") Path quarantine,
        @DefaultValue("data/ingest/receipts") Path receipts,
        @DefaultValue("data/profiles") Path profiles,
        @DefaultValue("data/ingest/ledger") Path ledger,
        @DefaultValue("53687091200") long maxExpandedBytes,
        @DefaultValue("1000") int maxArchiveEntries,
        ZoneId timeZone,
        Map<String, ZoneId> ispTimeZones,
        @DefaultValue("unassigned") String defaultIsp,
        @DefaultValue("500ms") Duration pollEvery,
        @DefaultValue("localhost:9092") String kafkaBootstrapServers,
        @DefaultValue("data/ingest/feeds") Path feedsState,
        List<RemoteFeed> feeds,
        @DefaultValue Reference reference) {

    /**
     * Reference data files (subscriber directory, app ranges, watch lists, cell towers) dropped in
     * {@code directory} are published to {@code ipdr.reference}; zone-less validity dates are read in
     * {@code timeZone}; ten-digit MSISDNs get {@code msisdnCountryCode} in front, as session records do.
     */
    public record Reference(
            @DefaultValue("data/reference") Path directory,
            @DefaultValue("UTC") ZoneId timeZone,
            @DefaultValue("91") String msisdnCountryCode) {}

    /** The configured remote feeds (none by default). */
    public List<RemoteFeed> feedList() {
        return feeds == null ? List.of() : feeds;
    }

    /**
     * The feeds of one kind, once every configured feed has been checked: a feed that does not hold
     * together (or of a kind nothing reads) stops the start with every problem named.
     */
    public List<RemoteFeed> feeds(String kind) {
        List<String> problems =
                feedList().stream().flatMap(f -> f.problems().stream()).toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "the feed configuration does not hold together: " + String.join("; ", problems));
        }
        return feedList().stream().filter(f -> kind.equals(f.kind())).toList();
    }

    /** The zone configured for the ISP's zone-less times, or null: then the format profile's zone applies (UTC if it has none). */
    public ZoneId zoneFor(String isp) {
        return ispTimeZones == null ? timeZone : ispTimeZones.getOrDefault(isp, timeZone);
    }
}
