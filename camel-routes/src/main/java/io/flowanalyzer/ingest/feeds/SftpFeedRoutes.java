package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.IngestProperties;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sftp feeds: one Camel sftp consumer per configured feed. Each file is downloaded as a stream into
 * the feed's work folder (never held in memory), read like any delivery with the feed named in its
 * custody record and the remote path as its file name, and only then moved to {@code .done/} on the
 * server (or, for a read-only account, remembered in the feed's record of fetched files). A crash or a
 * Kafka outage before that leaves the file where it was, to be fetched again; deterministic ids and the
 * custody ledger make the second reading add nothing twice.
 */
@Component
public class SftpFeedRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(SftpFeedRoutes.class);

    private final IngestProperties properties;
    private final RemoteDeliveries deliveries;

    public SftpFeedRoutes(IngestProperties properties, DeliveryIntake intake) {
        this.properties = properties;
        this.deliveries = new RemoteDeliveries(properties, intake);
    }

    @Override
    public void configure() throws IOException {
        for (RemoteFeed feed : properties.feeds(RemoteFeed.SFTP)) {
            configure(feed);
        }
    }

    private void configure(RemoteFeed feed) throws IOException {
        Path work = properties.feedsState().resolve(feed.id());
        Files.createDirectories(work);
        Files.createDirectories(properties.quarantine());
        // Keys are added only when a file's exchange completes (idempotentEager=false): a crash mid-download
        // must not leave the file marked as fetched.
        FileIdempotentRepository fetched =
                new FileIdempotentRepository(work.resolve("fetched.txt").toFile(), new java.util.HashMap<>());
        fetched.setMaxFileStoreSize(64L << 20);
        fetched.setDropOldestFileStore(10_000);
        getContext().getRegistry().bind("sftpFetched-" + feed.id(), fetched);

        StringBuilder uri = new StringBuilder("sftp://")
                .append(feed.host())
                .append(':')
                .append(feed.portOrDefault())
                .append('/')
                .append(feed.directoryOrHome())
                .append("?username=")
                .append(encode(feed.username()))
                .append("&binary=true&disconnect=false&stepwise=false")
                .append("&localWorkDirectory=")
                .append(encode(work.resolve("download").toAbsolutePath().toString()))
                .append("&antExclude=")
                .append(encode("**/.*,**/*.part,**/*.tmp,**/*.filepart"))
                .append("&readLock=changed&readLockCheckInterval=1000&readLockMinAge=1000")
                .append("&delay=")
                .append(feed.everyOrDefault().toMillis())
                .append("&initialDelay=1000&sortBy=file:modified")
                .append("&idempotent=true&idempotentEager=false&idempotentKey=")
                .append(encode("${file:name}-${file:size}-${file:modified}"))
                .append("&idempotentRepository=#sftpFetched-")
                .append(feed.id())
                .append("&throwExceptionOnConnectFailed=false&backoffErrorThreshold=3&backoffMultiplier=10")
                .append("&useUserKnownHostsFile=false&strictHostKeyChecking=")
                .append(feed.strict() ? "yes" : "no");
        if (feed.knownHostsFile() != null) {
            uri.append("&knownHostsFile=").append(encode(feed.knownHostsFile()));
        }
        String password = feed.password();
        if (password != null) {
            uri.append("&password=RAW(").append(password).append(')');
        }
        if (feed.privateKeyFile() != null) {
            uri.append("&privateKeyFile=").append(encode(feed.privateKeyFile()));
        }
        uri.append(feed.keep() ? "&noop=true" : "&move=" + encode(".done/${file:name}"));

        from(uri.toString())
                .routeId("sftp-" + feed.id())
                .process(exchange -> readDelivery(feed, exchange))
                .log(LoggingLevel.DEBUG, "sftp file ${header.CamelFileName} handled");
        LOG.info(
                "SFTP feed {} for {}: {}@{}:{}/{} every {} (host key checking {})",
                feed.id(),
                feed.isp(),
                feed.username(),
                feed.host(),
                feed.portOrDefault(),
                feed.directoryOrHome(),
                feed.everyOrDefault(),
                feed.strict() ? "on" : "OFF");
    }

    private void readDelivery(RemoteFeed feed, Exchange exchange) throws IOException {
        File local = exchange.getIn().getBody(File.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        deliveries.read(feed, local.toPath(), feed.directoryOrHome() + "/" + name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
