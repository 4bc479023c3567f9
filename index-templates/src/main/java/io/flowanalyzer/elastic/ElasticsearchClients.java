package io.flowanalyzer.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.flowanalyzer.model.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the official Java client for an {@link ElasticsearchEndpoint}, with the records' JSON mapper. */
public final class ElasticsearchClients {
    private ElasticsearchClients() {}

    public static ElasticsearchClient create(ElasticsearchEndpoint endpoint) {
        RestClientTransport transport =
                new RestClientTransport(restClient(endpoint), new JacksonJsonpMapper(RecordJson.mapper()));
        return new ElasticsearchClient(transport);
    }

    /**
     * The low-level REST client for an endpoint, with the same timeouts, credentials and TLS as {@link #create}:
     * for callers that send bytes they have already written (the job's bulk sink).
     */
    public static RestClient restClient(ElasticsearchEndpoint endpoint) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(endpoint.url()))
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(60_000));
        SSLContext ssl = sslContext(endpoint);
        builder.setHttpClientConfigCallback(http -> {
            if (endpoint.hasCredentials()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                        AuthScope.ANY, new UsernamePasswordCredentials(endpoint.username(), endpoint.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return builder.build();
    }

    private static SSLContext sslContext(ElasticsearchEndpoint endpoint) {
        if (endpoint.caCertificatePath() == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(
                    endpoint.caCertificatePath().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the Elasticsearch CA certificate " + endpoint.caCertificate(), e);
        }
    }

    /** Closes the client's transport, ignoring a failure to close (used on shutdown paths). */
    public static void closeQuietly(ElasticsearchClient client) {
        if (client == null) {
            return;
        }
        try {
            client._transport().close();
        } catch (IOException | RuntimeException ignored) {
            // shutting down anyway
        }
    }
}
