package io.flowanalyzer.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.ingest.feeds.DeliveryIntake;
import io.flowanalyzer.ingest.feeds.SftpFeedRoutes;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.launcher.DataDirectory;
import io.flowanalyzer.model.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The demo's SFTP server and the feed configuration it hands the ingest routes: bound exactly as
 * Spring binds the launcher's arguments, the sftp feeds fetch every demo delivery of both ISPs over
 * SFTP with the host key checked, and a restart finds the same server (same key, same passwords).
 */
class DemoSftpServerTest {

    @Test
    void bothDemoIspsDeliverEveryFileOverSftpAndTheServerKeepsItsKeyAcrossRestarts(@TempDir Path dir) throws Exception {
        Path deliveries = Path.of("..", "demo", "deliveries").toAbsolutePath().normalize();
        DataDirectory data = new DataDirectory(dir);
        int port = DataDirectory.freePort();
        CollectingPublisher out = new CollectingPublisher();
        try (DemoSftpServer server = new DemoSftpServer(data.demoSftp(), port)) {
            server.start(deliveries);
            assertThat(server.isps()).containsExactlyInAnyOrder("airtel-demo", "jio-demo");

            Map<String, String> properties = new HashMap<>(server.feedProperties());
            properties.put(
                    "flowanalyzer.ingest.feeds-state", dir.resolve("feeds").toString());
            properties.put(
                    "flowanalyzer.ingest.quarantine", dir.resolve("quarantine").toString());
            properties.replaceAll((k, v) -> k.endsWith(".every") ? "200ms" : v);
            IngestProperties ingest = new Binder(new MapConfigurationPropertySource(properties))
                    .bind("flowanalyzer.ingest", IngestProperties.class)
                    .get();
            assertThat(ingest.feedList()).hasSize(2).allSatisfy(f -> {
                assertThat(f.problems()).isEmpty();
                assertThat(f.timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Kolkata"));
            });

            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addRoutes(new SftpFeedRoutes(
                        ingest, new DeliveryIntake(out, FormatProfiles.builtIn(), Clock.systemUTC())));
                camel.start();
                long deadline = System.currentTimeMillis() + 30_000;
                while (finished(out).size() < 6 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            }
        }
        List<Delivery> read = finished(out);
        assertThat(read)
                .extracting(Delivery::feed, Delivery::fileName, Delivery::profile, Delivery::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:jio-demo-sftp", "outgoing/jio-ipdr-2024-03-01.csv", "generic-csv", "complete"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:jio-demo-sftp", "outgoing/cgnat-2026-11-24.log", "juniper-cgnat", "complete"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:jio-demo-sftp",
                                "outgoing/server-log-requested-2026-11-24.csv",
                                "generic-csv",
                                "complete"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:airtel-demo-sftp",
                                "outgoing/airtel-sessions-march.csv",
                                "generic-csv",
                                "complete"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:jio-demo-sftp",
                                "outgoing/radius-accounting-2026-11-24.detail",
                                "freeradius-detail",
                                "complete"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sftp:airtel-demo-sftp",
                                "outgoing/asa-nat-2026-11-24.log",
                                "cisco-asa-nat",
                                "complete"));
        assertThat(data.demoSftp().resolve("homes/jio-demo/outgoing/.done/cgnat-2026-11-24.log"))
                .exists();

        // a restart: same key in known_hosts, same passwords, nothing staged again
        String knownHosts = Files.readString(data.demoSftp().resolve("known_hosts"));
        String password = Files.readString(data.demoSftp().resolve("jio-demo.password"));
        try (DemoSftpServer again = new DemoSftpServer(data.demoSftp(), port)) {
            again.start(deliveries);
            assertThat(Files.readString(again.knownHosts())).isEqualTo(knownHosts);
            assertThat(Files.readString(again.passwordFile("jio-demo"))).isEqualTo(password);
            assertThat(data.demoSftp().resolve("homes/jio-demo/outgoing/cgnat-2026-11-24.log"))
                    .doesNotExist();
        }
    }

    private static List<Delivery> finished(CollectingPublisher out) {
        synchronized (out) {
            return out.custody.stream().filter(d -> d.finishedAt() != null).toList();
        }
    }
}
