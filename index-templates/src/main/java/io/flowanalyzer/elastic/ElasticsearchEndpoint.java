package io.flowanalyzer.elastic;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where Elasticsearch answers and how to authenticate: a URL, optional basic credentials and an
 * optional CA certificate (PEM) for TLS. Serializable so a Flink sink can carry it to its writers.
 */
public record ElasticsearchEndpoint(String url, String username, String password, String caCertificate)
        implements Serializable {

    public static ElasticsearchEndpoint of(String url) {
        return new ElasticsearchEndpoint(url, null, null, null);
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    public Path caCertificatePath() {
        return caCertificate == null || caCertificate.isBlank() ? null : Path.of(caCertificate);
    }

    @Override
    public String toString() {
        return "ElasticsearchEndpoint[" + url + (hasCredentials() ? " as " + username : "") + "]";
    }
}
