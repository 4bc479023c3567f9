package io.flowanalyzer.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.portal.audit.AuditVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code ./flowanalyzer audit verify [--data DIR]}: checks the audit trail's hash chain of the
 * instance on DIR straight in Elasticsearch and names the first broken link. Exit code 0 when the
 * chain is intact, 1 when it is broken, 2 when it could not be checked.
 */
public final class AuditCommand {
    private AuditCommand() {}

    public static void main(String[] args) {
        Path data = Path.of("data");
        String what = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else if (what == null) {
                what = args[i];
            }
        }
        if (!"verify".equals(what)) {
            System.err.println("usage: ./flowanalyzer audit verify [--data DIR]");
            System.exit(64);
        }
        Path ports = data.resolve("run/ports.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ports)) {
            p.load(in);
        } catch (IOException e) {
            System.err.println("No instance has run on " + data + " (" + ports + " is missing).");
            System.exit(2);
        }
        ElasticsearchClient client = ElasticsearchClients.create(
                ElasticsearchEndpoint.of("http://127.0.0.1:" + p.getProperty("elasticsearch")));
        try {
            AuditVerifier.Result result = new AuditVerifier(client).verify();
            System.out.println(result.sentence());
            System.exit(result.intact() ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("The audit trail could not be read: is the instance on " + data + " running? ("
                    + e.getMessage() + ")");
            System.exit(2);
        } finally {
            ElasticsearchClients.closeQuietly(client);
        }
    }
}
