package io.flowanalyzer.portal.system;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.flowanalyzer.templates.IndexTemplateInstaller;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Installs the index templates at start, before anything reads or writes the indices. */
@Component
@Order(0)
public class ElasticsearchTemplates implements ApplicationRunner {
    private final ElasticsearchClient client;

    public ElasticsearchTemplates(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public void run(ApplicationArguments args) {
        new IndexTemplateInstaller(client).install();
    }
}
