package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.IngestProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The https feeds: each polls an ISP's API on its schedule with a cursor — {@code GET url?since=<cursor>}
 * with a bearer token or a client certificate — and reads every answer with a body as a delivery,
 * streamed to the feed's work folder first. The next cursor comes from a response header (a page token),
 * or is the time the request was sent (since-time APIs); it is written to the data directory only after
 * the delivery it came with has been read, so a crash or an outage repeats a page rather than skipping
 * one, and the repeat adds nothing (deterministic ids, the custody ledger). Failures are retried with
 * exponential back-off.
 */
@Component
public class HttpsFeedRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsFeedRoutes.class);
    /** Pages read in one poll at most, so that an API that never says "nothing new" cannot hold the feed. */
    static final int MAX_PAGES_PER_POLL = 1000;

    private static final Pattern FILE_NAME = Pattern.compile("filename=\"?([^\";]+)\"?");

    private final IngestProperties properties;
    private final RemoteDeliveries deliveries;

    public HttpsFeedRoutes(IngestProperties properties, DeliveryIntake intake) {
        this.properties = properties;
        this.deliveries = new RemoteDeliveries(properties, intake);
    }

    @Override
    public void configure() throws Exception {
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(5)
                .redeliveryDelay(2000)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .logStackTrace(false)
                .retryAttemptedLogLevel(LoggingLevel.WARN));
        for (RemoteFeed feed : properties.feeds(RemoteFeed.HTTPS)) {
            Poller poller =
                    new Poller(feed, client(feed), properties.feedsState().resolve(feed.id()));
            fromF(
                            "timer:https-%s?delay=1000&period=%d&fixedRate=false",
                            feed.id(), feed.everyOrDefault().toMillis())
                    .routeId("https-" + feed.id())
                    .process(exchange -> poller.poll());
            LOG.info("HTTPS feed {} for {}: {} every {}", feed.id(), feed.isp(), feed.url(), feed.everyOrDefault());
        }
    }

    /** An HTTP client that trusts the feed's trust store (else the JVM's) and presents its client certificate. */
    static HttpClient client(RemoteFeed feed) throws IOException, GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = null;
        if (feed.trustStoreFile() != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore(feed.trustStoreFile(), feed.trustStorePasswordFile()));
        }
        KeyManagerFactory keys = null;
        if (feed.keyStoreFile() != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            String password = RemoteFeed.secret(feed.keyStorePasswordFile(), null);
            keys.init(
                    keyStore(feed.keyStoreFile(), feed.keyStorePasswordFile()),
                    password == null ? new char[0] : password.toCharArray());
        }
        ssl.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static KeyStore keyStore(String file, String passwordFile) throws IOException, GeneralSecurityException {
        String password = RemoteFeed.secret(passwordFile, null);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }

    /** One feed's polling: its cursor file, its work folder. */
    final class Poller {
        private final RemoteFeed feed;
        private final HttpClient client;
        private final Path state;

        Poller(RemoteFeed feed, HttpClient client, Path state) {
            this.feed = feed;
            this.client = client;
            this.state = state;
        }

        Path cursorFile() {
            return state.resolve("cursor");
        }

        String cursor() throws IOException {
            Path file = cursorFile();
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).strip()
                    : feed.initialCursor();
        }

        /** Reads pages until the API has nothing new; each page's cursor is kept once the page is read. */
        void poll() throws IOException, InterruptedException {
            Files.createDirectories(state.resolve("download"));
            for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
                String cursor = cursor();
                Instant asked = Instant.now();
                String url = feed.url();
                if (cursor != null && !cursor.isEmpty()) {
                    url += (url.contains("?") ? "&" : "?")
                            + URLEncoder.encode(feed.cursorParamOrDefault(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(10))
                        .header("Accept", "*/*")
                        .GET();
                String token = feed.token();
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                Path part = state.resolve("download").resolve("page.part");
                HttpResponse<Path> response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(part));
                int status = response.statusCode();
                if (status == 401 || status == 403) {
                    Files.deleteIfExists(part);
                    throw new IOException(
                            "the " + feed.isp() + " API refused the feed's credentials (HTTP " + status + ")");
                }
                if (status == 204 || (status == 200 && Files.size(part) == 0)) {
                    Files.deleteIfExists(part);
                    return;
                }
                if (status != 200) {
                    Files.deleteIfExists(part);
                    throw new IOException("the " + feed.isp() + " API answered HTTP " + status + " for " + url);
                }
                String name = fileName(response, cursor);
                Path delivery =
                        Files.move(part, state.resolve("download").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                try {
                    deliveries.read(feed, delivery, name);
                } finally {
                    Files.deleteIfExists(delivery);
                }
                String next = response.headers()
                        .firstValue(feed.cursorHeaderOrDefault())
                        .orElse(asked.toString());
                Path tmp = state.resolve(".cursor.tmp");
                Files.writeString(tmp, next + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, cursorFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (next.equals(cursor)) {
                    return; // the API gave the same cursor again: nothing further to ask for now
                }
            }
        }

        /** The name the API gives the file (Content-Disposition), made safe; else the feed and cursor. */
        private String fileName(HttpResponse<?> response, String cursor) {
            String name = response.headers()
                    .firstValue("Content-Disposition")
                    .map(FILE_NAME::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .orElse(feed.id() + "-" + (cursor == null || cursor.isEmpty() ? "first" : cursor));
            // only the last path part, only plain characters: a name from outside never leaves the folder
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            return name.isEmpty() || name.startsWith(".") ? "delivery" + name : name;
        }
    }
}
