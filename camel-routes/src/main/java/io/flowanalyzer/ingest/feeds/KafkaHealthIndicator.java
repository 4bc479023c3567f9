package io.flowanalyzer.ingest.feeds;

import io.flowanalyzer.ingest.IngestProperties;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the Kafka cluster the feeds publish to: UP when it answers with at least one broker. */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {
    private final Admin admin;

    public KafkaHealthIndicator(IngestProperties properties) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "flowanalyzer-health"));
    }

    @Override
    public Health health() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                    .nodes()
                    .get(4, TimeUnit.SECONDS)
                    .size();
            return brokers > 0
                    ? Health.up().withDetail("brokers", brokers).build()
                    : Health.down().withDetail("brokers", 0).build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail(
                            "error", "Kafka does not answer: " + e.getClass().getSimpleName())
                    .build();
        }
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
