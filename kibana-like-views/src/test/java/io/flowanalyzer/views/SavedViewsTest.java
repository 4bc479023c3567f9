package io.flowanalyzer.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowanalyzer.templates.IndexTemplateInstaller;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped views are code too: every field they name must exist in the index they search. */
class SavedViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> views() throws Exception {
        List<JsonNode> views = new ArrayList<>();
        try (InputStream in = SavedViewsTest.class.getResourceAsStream("/views/saved-searches.ndjson");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    views.add(JSON.readTree(line));
                }
            }
        }
        return views;
    }

    /** Dotted field names of a template's mappings (component templates included). */
    static Set<String> fields(String... templateFiles) throws Exception {
        Set<String> names = new HashSet<>();
        for (String file : templateFiles) {
            try (InputStream in = IndexTemplateInstaller.resource(file)) {
                collect(JSON.readTree(in).at("/template/mappings/properties"), "", names);
            }
        }
        return names;
    }

    private static void collect(JsonNode properties, String prefix, Set<String> names) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            if (e.getValue().has("properties")) {
                collect(e.getValue().get("properties"), name + ".", names);
            } else {
                names.add(name);
            }
        }
    }

    @Test
    void everyColumnAndSortFieldExistsInTheSearchedIndex() throws Exception {
        Map<String, Set<String>> indexFields = Map.of(
                "ipdr-sessions", fields("component-ipdr-sessions-mappings.json"),
                "ipdr-rejects", fields("index-ipdr-rejects.json"));
        List<JsonNode> views = views();
        assertThat(views)
                .extracting(v -> v.get("id").asText())
                .containsExactly("ipdr-sessions-all", "ipdr-rejects-recent");
        for (JsonNode view : views) {
            JsonNode source = JSON.readTree(view.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON")
                    .asText());
            Set<String> known = indexFields.get(source.get("index").asText());
            assertThat(known).as("index of view %s", view.get("id")).isNotNull();
            for (JsonNode column : view.at("/attributes/columns")) {
                assertThat(known).as("column of view %s", view.get("id")).contains(column.asText());
            }
            for (JsonNode sort : view.at("/attributes/sort")) {
                assertThat(known)
                        .as("sort of view %s", view.get("id"))
                        .contains(sort.get(0).asText());
            }
        }
    }
}
