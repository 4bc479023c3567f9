package io.flowanalyzer.launcher.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's stand-in for ISPs' SFTP servers (Apache MINA SSHD on loopback): one account per ISP
 * folder of the demo deliveries, each jailed in its own home with the files in {@code outgoing/}. The
 * host key, the known_hosts line and the generated passwords are kept in the data directory, so the
 * sftp feeds — configured exactly as for a real ISP, host key checking on — find the same server after
 * a restart. Files are staged once; what the feeds move to {@code .done/} stays read.
 */
public final class DemoSftpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSftpServer.class);

    private final Path state;
    private final int port;
    private SshServer server;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    public DemoSftpServer(Path state, int port) {
        this.state = state;
        this.port = port;
    }

    /** Starts the server, staging the deliveries of {@code deliveries/<isp>/} the first time only. */
    public void start(Path deliveries) throws IOException {
        Files.createDirectories(state.resolve("homes"));
        boolean staged = Files.exists(state.resolve("staged"));
        try (DirectoryStream<Path> isps = Files.newDirectoryStream(deliveries, Files::isDirectory)) {
            for (Path isp : isps) {
                String name = isp.getFileName().toString();
                passwords.put(name, password(name));
                Path outgoing = Files.createDirectories(
                        state.resolve("homes").resolve(name).resolve("outgoing"));
                if (!staged) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(isp, Files::isRegularFile)) {
                        for (Path file : files) {
                            // written under a hidden name and renamed, as ISPs' upload scripts should
                            Path part = outgoing.resolve("." + file.getFileName() + ".part");
                            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
                            Files.move(part, outgoing.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                }
            }
        }
        Files.writeString(state.resolve("staged"), "demo deliveries staged\n");

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(state.resolve("host-key.ser"));
        keys.setAlgorithm("EC");
        server.setKeyPairProvider(keys);
        server.setPasswordAuthenticator(
                (user, password, session) -> password != null && password.equals(passwords.get(user)));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        VirtualFileSystemFactory homes = new VirtualFileSystemFactory(state.resolve("homes"));
        passwords
                .keySet()
                .forEach(user ->
                        homes.setUserHomeDir(user, state.resolve("homes").resolve(user)));
        server.setFileSystemFactory(homes);
        server.start();

        KeyPair key = keys.loadKeys(null).iterator().next();
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        LOG.info("Demo SFTP server for {} on 127.0.0.1:{}", passwords.keySet(), port);
    }

    public Path knownHosts() {
        return state.resolve("known_hosts");
    }

    public Path passwordFile(String isp) {
        return state.resolve(isp + ".password");
    }

    public List<String> isps() {
        return List.copyOf(passwords.keySet());
    }

    /**
     * The properties that configure one sftp feed per demo ISP against this server, as an operator
     * would configure a real one (password from a file, known host checked).
     */
    public Map<String, String> feedProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        int i = 0;
        for (String isp : passwords.keySet()) {
            String prefix = "flowanalyzer.ingest.feeds[" + i++ + "].";
            properties.put(prefix + "id", isp + "-sftp");
            properties.put(prefix + "isp", isp);
            properties.put(prefix + "kind", "sftp");
            properties.put(prefix + "host", "127.0.0.1");
            properties.put(prefix + "port", String.valueOf(port));
            properties.put(prefix + "username", isp);
            properties.put(prefix + "password-file", passwordFile(isp).toString());
            properties.put(prefix + "known-hosts-file", knownHosts().toString());
            properties.put(prefix + "directory", "outgoing");
            properties.put(prefix + "every", "5s");
            // the demo ISPs are Indian operators: their zone-less times are IST
            properties.put(prefix + "time-zone", "Asia/Kolkata");
        }
        return properties;
    }

    /** The account's password: generated on first start, kept (owner-only) in the data directory. */
    private String password(String isp) throws IOException {
        Path file = passwordFile(isp);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the data directory's own protection applies
        }
        return password;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }
}
