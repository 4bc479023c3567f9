package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https feed against a real HTTPS server on loopback (the JDK's, with a certificate made by
 * keytool for this test): pages are fetched with the bearer token and the cursor, read as deliveries,
 * the cursor kept only after each page is read; an outage is retried; a restart goes on from the kept
 * cursor; a wrong token is never taken for "nothing new".
 */
class HttpsFeedRoutesTest {
    @TempDir
    Path dir;

    private HttpsServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicInteger outages = new AtomicInteger(1);
    private final CollectingPublisher out = new CollectingPublisher();
    private DefaultCamelContext camel;

    @BeforeEach
    void startServer() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "isp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-alias",
                "isp",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-storepass",
                "changeit",
                "-file",
                dir.resolve("isp.cer").toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "isp",
                "-file",
                dir.resolve("isp.cer").toString(),
                "-keystore",
                dir.resolve("trust.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "trustpass");
        Files.writeString(dir.resolve("trust.password"), "trustpass\n");
        Files.writeString(dir.resolve("api.token"), "t0ken\n");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/ipdr", this::answer);
        server.start();
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    /** The ISP's API: two pages of deliveries behind cursors, then nothing new; one outage first. */
    private void answer(HttpExchange exchange) throws java.io.IOException {
        String query = exchange.getRequestURI().getQuery();
        asked.add(query == null ? "" : query);
        if (!"Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        if (outages.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        String fixture;
        String next;
        if (query == null) {
            fixture = "asa-nat.log";
            next = "page-2";
        } else if (query.equals("since=page-2")) {
            fixture = "radius-detail.log";
            next = "page-3";
        } else {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(Fixtures.delivery(fixture));
        exchange.getResponseHeaders().add("X-Next-Cursor", next);
        exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"../../" + fixture + "\"");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        server.stop(0);
    }

    private RemoteFeed feed(String tokenFile) {
        return Fixtures.feed(
                "id",
                "acme-api",
                "isp",
                "acme",
                "kind",
                "https",
                "url",
                "https://127.0.0.1:" + server.getAddress().getPort() + "/ipdr",
                "token-file",
                tokenFile,
                "trust-store-file",
                dir.resolve("trust.p12").toString(),
                "trust-store-password-file",
                dir.resolve("trust.password").toString(),
                "every",
                "300ms");
    }

    private void startFeed(RemoteFeed feed) throws Exception {
        IngestProperties properties = Fixtures.ingest(dir, List.of(feed));
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(2); // do not wait out the back-off of a failing poll
        camel.addRoutes(
                new HttpsFeedRoutes(properties, new DeliveryIntake(out, FormatProfiles.builtIn(), Fixtures.CLOCK)));
        camel.start();
    }

    @Test
    void readsEveryPageOnceKeepsTheCursorAndGoesOnFromItAfterARestart() throws Exception {
        startFeed(feed(dir.resolve("api.token").toString()));
        Path cursor = dir.resolve("feeds/acme-api/cursor");
        Fixtures.await(
                "both pages read and the cursor kept",
                () -> Fixtures.finished(out).size() == 2 && Files.exists(cursor) && asked.contains("since=page-3"));

        assertThat(Fixtures.finished(out))
                .extracting(Delivery::feed, Delivery::fileName, Delivery::profile)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("https:acme-api", "asa-nat.log", "cisco-asa-nat"),
                        org.assertj.core.groups.Tuple.tuple(
                                "https:acme-api", "radius-detail.log", "freeradius-detail"));
        assertThat(Files.readString(cursor).strip()).isEqualTo("page-3");
        assertThat(asked.subList(0, 3)).containsExactly("", "", "since=page-2"); // the outage, retried
        assertThat(out.bindings).hasSize(7);
        camel.close(); // a poll every 300 ms may be downloading into page.part: look once none runs
        assertThat(dir.resolve("feeds/acme-api/download")).isEmptyDirectory();

        asked.clear();
        startFeed(feed(dir.resolve("api.token").toString()));
        Fixtures.await("a poll after the restart", () -> !asked.isEmpty());
        Thread.sleep(500);
        assertThat(asked).allMatch("since=page-3"::equals);
        assertThat(Fixtures.finished(out)).hasSize(2);
    }

    @Test
    void aRefusedTokenReadsNothingAndMovesNoCursor() throws Exception {
        Files.writeString(dir.resolve("wrong.token"), "guess\n");
        outages.set(0);
        startFeed(feed(dir.resolve("wrong.token").toString()));
        Fixtures.await("the first attempts", () -> asked.size() >= 2);

        assertThat(Fixtures.finished(out)).isEmpty();
        assertThat(dir.resolve("feeds/acme-api/cursor")).doesNotExist();
    }
}
