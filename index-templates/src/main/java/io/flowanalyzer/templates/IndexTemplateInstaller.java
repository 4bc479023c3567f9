package io.flowanalyzer.templates;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.Indices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the shipped component and index templates and creates the single (not time-based) indices.
 * Every step is a PUT or an existence check, so running it at every start is harmless.
 */
public final class IndexTemplateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplateInstaller.class);

    /** Component templates, in the order index templates need them. */
    public static final List<String> COMPONENT_TEMPLATES = List.of("ipdr-settings", "ipdr-sessions-mappings");

    public static final List<String> INDEX_TEMPLATES = List.of(
            "ipdr-sessions",
            "ipdr-nat",
            "ipdr-rejects",
            "ipdr-custody",
            "ipdr-objects",
            "ipdr-alerts",
            "ipdr-links",
            "ipdr-audit");

    /** Indices that are not time-based: created up front so that searches find them empty rather than missing. */
    public static final List<String> FIXED_INDICES =
            List.of(Indices.REJECTS, Indices.CUSTODY, Indices.OBJECTS, Indices.ALERTS, Indices.LINKS, Indices.AUDIT);

    private final ElasticsearchClient client;

    public IndexTemplateInstaller(ElasticsearchClient client) {
        this.client = client;
    }

    public void install() {
        try {
            for (String name : COMPONENT_TEMPLATES) {
                try (InputStream json = resource("component-" + name + ".json")) {
                    client.cluster().putComponentTemplate(b -> b.name(name).withJson(json));
                }
            }
            for (String name : INDEX_TEMPLATES) {
                try (InputStream json = resource("index-" + name + ".json")) {
                    client.indices().putIndexTemplate(b -> b.name(name).withJson(json));
                }
            }
            for (String index : FIXED_INDICES) {
                createIfMissing(index);
            }
            upgradeSessionIndices();
            upgradeFixedIndices();
            upgradeRefresh();
            LOG.info(
                    "Elasticsearch templates installed: {} component, {} index templates",
                    COMPONENT_TEMPLATES.size(),
                    INDEX_TEMPLATES.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the Elasticsearch templates", e);
        }
    }

    /**
     * Session indices made by an earlier version get the fields added since (a mapping may grow,
     * never change), so that new fields are searchable in old days too, after an upgrade.
     */
    private void upgradeSessionIndices() throws IOException {
        com.fasterxml.jackson.databind.JsonNode mappings;
        try (InputStream json = resource("component-ipdr-sessions-mappings.json")) {
            mappings = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json)
                    .path("template")
                    .path("mappings");
        }
        byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(mappings);
        client.indices().putMapping(b -> b.index(Indices.SESSIONS_PREFIX + "*")
                .allowNoIndices(true)
                .withJson(new java.io.ByteArrayInputStream(body)));
    }

    /**
     * The fixed indices (users and cases, custody, rejects…) made by an earlier version get the fields
     * added to their templates since; a field that cannot be added is logged, not fatal.
     */
    private void upgradeFixedIndices() throws IOException {
        for (String index : FIXED_INDICES) {
            com.fasterxml.jackson.databind.JsonNode mappings;
            try (InputStream json = resource("index-" + index + ".json")) {
                mappings = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json)
                        .path("template")
                        .path("mappings");
            }
            if (mappings.isMissingNode() || !mappings.has("properties")) {
                continue;
            }
            byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(mappings);
            try {
                client.indices().putMapping(b -> b.index(index).withJson(new java.io.ByteArrayInputStream(body)));
            } catch (ElasticsearchException e) {
                LOG.warn("The mapping of {} could not be brought up to date: {}", index, e.getMessage());
            }
        }
    }

    /**
     * Indices made by versions that set {@code refresh_interval: 1s} go back to Elasticsearch's default,
     * under which a shard nobody searches is not refreshed every second while deliveries are indexed.
     */
    private void upgradeRefresh() throws IOException {
        // the typed client drops a null setting; the REST client sends it as it is
        if (!(client._transport() instanceof co.elastic.clients.transport.rest_client.RestClientTransport rest)) {
            return;
        }
        org.elasticsearch.client.Request request = new org.elasticsearch.client.Request("PUT", "/ipdr-*/_settings");
        request.addParameter("allow_no_indices", "true");
        request.setJsonEntity("{\"index\":{\"refresh_interval\":null}}");
        rest.restClient().performRequest(request);
    }

    /**
     * The layout the session and NAT indices already in Elasticsearch were written with: daily when any
     * daily one exists (a data directory begun before monthly indices, whose late updates must find their
     * documents in the day they were written to), else monthly.
     */
    public IndexLayout layoutInUse() {
        try {
            var indices = client.indices()
                    .get(b -> b.index(Indices.SESSIONS_PREFIX + "*", Indices.NAT_PREFIX + "*")
                            .allowNoIndices(true)
                            .ignoreUnavailable(true))
                    .result()
                    .keySet();
            return indices.stream().anyMatch(IndexLayout.DAY::names) ? IndexLayout.DAY : IndexLayout.MONTH;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the session and NAT indices", e);
        }
    }

    private void createIfMissing(String index) throws IOException {
        if (client.indices().exists(b -> b.index(index)).value()) {
            return;
        }
        try {
            client.indices().create(b -> b.index(index));
        } catch (ElasticsearchException e) {
            // another starter created it between the check and the create
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /** The shipped JSON of a template, for the installer and for tests that check field names. */
    public static InputStream resource(String fileName) {
        InputStream in = IndexTemplateInstaller.class.getResourceAsStream("/index-templates/" + fileName);
        if (in == null) {
            throw new IllegalStateException("template resource missing from the build: " + fileName);
        }
        return in;
    }
}
