package io.flowanalyzer.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.CollectingPublisher;
import io.flowanalyzer.model.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sftp feed against a real SFTP server (Apache MINA SSHD on loopback): a file is fetched, read
 * with its remote path and feed in custody, and moved to .done on the server; a server whose key is
 * not the known one is never trusted; a read-only account's files are fetched once, also across a
 * restart.
 */
class SftpFeedRoutesTest {
    @TempDir
    Path dir;

    private SshServer server;
    private Path serverRoot;
    private Path knownHosts;
    private final CollectingPublisher out = new CollectingPublisher();
    private CamelContext camel;

    @BeforeEach
    void startServer() throws Exception {
        serverRoot = Files.createDirectories(dir.resolve("server"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser"));
        keys.setAlgorithm("EC");
        server.setKeyPairProvider(keys);
        server.setPasswordAuthenticator(
                (user, password, session) -> "acme".equals(user) && "s3cret pass".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
        server.start();
        KeyPair key = keys.loadKeys(null).iterator().next();
        knownHosts = Files.writeString(
                dir.resolve("known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        Files.writeString(dir.resolve("acme.password"), "s3cret pass\n");
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        server.stop(true);
    }

    private RemoteFeed feed(String id, String directory, Path knownHostsFile, boolean keep) {
        return Fixtures.feed(
                "id",
                id,
                "isp",
                "acme",
                "kind",
                "sftp",
                "host",
                "127.0.0.1",
                "port",
                String.valueOf(server.getPort()),
                "username",
                "acme",
                "password-file",
                dir.resolve("acme.password").toString(),
                "known-hosts-file",
                knownHostsFile.toString(),
                "directory",
                directory,
                "every",
                "200ms",
                "keep-on-server",
                String.valueOf(keep));
    }

    private void startFeeds(RemoteFeed... feeds) throws Exception {
        DeliveryIntake intake = new DeliveryIntake(out, FormatProfiles.builtIn(), Clock.systemUTC());
        camel = new DefaultCamelContext();
        camel.addRoutes(new SftpFeedRoutes(Fixtures.ingest(dir, List.of(feeds)), intake));
        camel.start();
    }

    private Path drop(String directory, String fixture) throws Exception {
        Path target = Files.createDirectories(serverRoot.resolve(directory)).resolve(fixture);
        Files.copy(Fixtures.delivery(fixture), target);
        return target;
    }

    @Test
    void fetchesReadsAndMovesAFileToDoneOnTheServer() throws Exception {
        Path remote = drop("outgoing", "asa-nat.log");
        startFeeds(feed("acme-sftp", "outgoing", knownHosts, false));

        Fixtures.await(
                "the file moved to .done on the server",
                () -> Files.exists(serverRoot.resolve("outgoing/.done/asa-nat.log")));
        assertThat(remote).doesNotExist();
        Delivery d = Fixtures.finished(out).get(0);
        assertThat(d.feed()).isEqualTo("sftp:acme-sftp");
        assertThat(d.fileName()).isEqualTo("outgoing/asa-nat.log");
        assertThat(d.status()).isEqualTo(Delivery.COMPLETE);
        assertThat(d.profile()).isEqualTo("cisco-asa-nat");
        assertThat(List.of(d.lines(), d.accepted(), d.rejected())).containsExactly(7L, 4L, 3L);
        assertThat(d.sha256()).isEqualTo("600597dce72e5244dab823c03264cd5c313313d1e7c42e6756a70a4ddb9c07c8");
        assertThat(out.bindings).hasSize(4);
        assertThat(out.bindings.get(0).log().file().path()).isEqualTo("outgoing/asa-nat.log");
        assertThat(dir.resolve("feeds/acme-sftp/download")).isEmptyDirectory();
    }

    @Test
    void aServerWhoseKeyIsNotTheKnownOneIsNeverTrusted() throws Exception {
        Path remote = drop("outgoing", "asa-nat.log");
        Path otherKey = Files.writeString(
                dir.resolve("other_known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " "
                        + PublicKeyEntry.toString(
                                org.apache.sshd.common.util.security.SecurityUtils.getKeyPairGenerator("EC")
                                        .generateKeyPair()
                                        .getPublic())
                        + "\n");
        startFeeds(feed("acme-sftp", "outgoing", otherKey, false));

        Thread.sleep(3_000);
        assertThat(remote).exists();
        assertThat(Fixtures.finished(out)).isEmpty();
    }

    @Test
    void aReadOnlyAccountsFilesAreFetchedOnceAlsoAcrossARestart() throws Exception {
        Path remote = drop("readonly", "radius-detail.log");
        startFeeds(feed("acme-ro", "readonly", knownHosts, true));
        Fixtures.await("the file read", () -> Fixtures.finished(out).size() == 1);
        Thread.sleep(1_500); // several more polls
        camel.close();
        startFeeds(feed("acme-ro", "readonly", knownHosts, true));
        Thread.sleep(1_500);

        assertThat(remote).exists();
        assertThat(Fixtures.finished(out)).hasSize(1);
        assertThat(Fixtures.finished(out).get(0).feed()).isEqualTo("sftp:acme-ro");
        assertThat(out.bindings).hasSize(3);
    }
}
