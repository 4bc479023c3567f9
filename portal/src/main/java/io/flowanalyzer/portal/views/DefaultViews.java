package io.flowanalyzer.portal.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the views the product ships ({@code kibana-like-views}: {@code views/default-views.ndjson})
 * at every start: a missing one is stored, one of an older release is upgraded unless a user has saved
 * it since, and a user's edits always stand.
 */
@Component
@Order(30)
public class DefaultViews implements ApplicationRunner {
    static final String RESOURCE = "/views/default-views.ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultViews.class);

    private final SavedViews views;

    public DefaultViews(SavedViews views) {
        this.views = views;
    }

    /** The shipped views, as the resource holds them. */
    static List<SavedView> shipped() throws IOException {
        List<SavedView> list = new ArrayList<>();
        try (InputStream in = DefaultViews.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return list;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    list.add(SavedViews.JSON.readValue(line, SavedView.class));
                }
            }
        }
        return list;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Map<String, Integer> done = new LinkedHashMap<>();
        for (SavedView v : shipped()) {
            done.merge(views.ship(v), 1, Integer::sum);
        }
        LOG.info("Shipped views: {}", done);
    }
}
