package io.flowanalyzer.portal.system;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.flowanalyzer.model.RecordJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes Boot's Elasticsearch client speak the records' JSON (ISO-8601 instants, nulls left out). */
@Configuration
public class ElasticsearchJson {
    @Bean
    JsonpMapper jsonpMapper() {
        return new JacksonJsonpMapper(RecordJson.mapper());
    }
}
