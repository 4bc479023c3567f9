package io.flowanalyzer.ingest.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One ISP feed the platform pulls from, as configured ({@code flowanalyzer.ingest.feeds[n].*}, or
 * the same keys in the data directory's {@code feeds.yaml}). Secrets are never written here: the
 * password comes from a file or an environment variable named here, or a private key file is used.
 *
 * @param id names the feed in custody records ({@code sftp:<id>}) and in the data directory
 * @param kind {@code sftp} or {@code https}
 * @param directory the remote folder the ISP drops its files in
 * @param every how often the folder is looked at (default 1 minute)
 * @param knownHostsFile the server keys to trust; required unless {@code strictHostKeyChecking} is turned off
 * @param keepOnServer leave read files where they are (a read-only account) instead of moving them to
 *     {@code .done/} on the server; the feed's own record of what it fetched keeps them from being read twice
 * @param profile the format profile, or none to detect it per file
 * @param timeZone the zone of the ISP's zone-less times
 * @param url (https) the API address polled with {@code ?<cursorParam>=<cursor>}; each answer with a body is a
 *     delivery, 204 (or an empty body) means nothing new
 * @param tokenFile (https) the bearer token, by reference ({@code tokenEnv} likewise); or a client certificate
 *     in {@code keyStoreFile} (PKCS#12) with its password in {@code keyStorePasswordFile}
 * @param trustStoreFile (https) the CA certificates to trust instead of the JVM's (PKCS#12)
 * @param cursorHeader (https) the response header with the next cursor (page token or time); it is kept in the
 *     data directory only once the delivery it came with has been read, so it survives restarts
 */
public record RemoteFeed(
        String id,
        String isp,
        String kind,
        String host,
        Integer port,
        String username,
        String passwordFile,
        String passwordEnv,
        String privateKeyFile,
        String knownHostsFile,
        Boolean strictHostKeyChecking,
        String directory,
        Duration every,
        Boolean keepOnServer,
        String profile,
        ZoneId timeZone,
        String url,
        String tokenFile,
        String tokenEnv,
        String keyStoreFile,
        String keyStorePasswordFile,
        String trustStoreFile,
        String trustStorePasswordFile,
        String cursorParam,
        String cursorHeader,
        String initialCursor) {

    public static final String SFTP = "sftp";
    public static final String HTTPS = "https";

    public String cursorParamOrDefault() {
        return cursorParam == null ? "since" : cursorParam;
    }

    public String cursorHeaderOrDefault() {
        return cursorHeader == null ? "X-Next-Cursor" : cursorHeader;
    }

    public int portOrDefault() {
        return port == null ? 22 : port;
    }

    public Duration everyOrDefault() {
        return every == null ? Duration.ofMinutes(1) : every;
    }

    public boolean strict() {
        return strictHostKeyChecking == null || strictHostKeyChecking;
    }

    public boolean keep() {
        return keepOnServer != null && keepOnServer;
    }

    public String directoryOrHome() {
        return directory == null || directory.isBlank() ? "." : directory.strip();
    }

    /** What is wrong with this feed's configuration, in sentences; empty when it can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String name = "feed " + (id == null ? "(no id)" : id);
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add(name + ": the id must be lower-case letters, digits and dashes");
        }
        if (isp == null || !isp.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.add(name + ": the isp must be a plain name (letters, digits, dot, dash, underscore)");
        }
        if (SFTP.equals(kind)) {
            if (host == null || host.isBlank()) {
                problems.add(name + ": a host is required");
            }
            if (username == null || username.isBlank()) {
                problems.add(name + ": a username is required");
            }
            if (passwordFile == null && passwordEnv == null && privateKeyFile == null) {
                problems.add(name + ": name a password-file, a password-env or a private-key-file");
            }
            if (strict() && knownHostsFile == null) {
                problems.add(name + ": a known-hosts-file is required while strict-host-key-checking is on");
            }
        } else if (HTTPS.equals(kind)) {
            if (url == null || !url.startsWith("https://")) {
                problems.add(name + ": the url must be an https:// address");
            }
            if (tokenFile == null && tokenEnv == null && keyStoreFile == null) {
                problems.add(name + ": name a token-file, a token-env or a key-store-file (client certificate)");
            }
        } else {
            problems.add(name + ": kind must be sftp or https");
        }
        return problems;
    }

    /** The password from its file (first line) or environment variable, or null when the feed uses a key. */
    public String password() throws IOException {
        return secret(passwordFile, passwordEnv);
    }

    /** The API's bearer token from its file or environment variable, or null when a client certificate is used. */
    public String token() throws IOException {
        return secret(tokenFile, tokenEnv);
    }

    /** A secret by reference: the first line of a file, else an environment variable; null when neither is named. */
    static String secret(String file, String env) throws IOException {
        if (file != null) {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        }
        if (env != null) {
            String value = System.getenv(env);
            if (value == null) {
                throw new IOException("the environment variable " + env + " is not set");
            }
            return value;
        }
        return null;
    }
}
