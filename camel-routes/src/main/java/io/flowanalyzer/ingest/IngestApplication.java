package io.flowanalyzer.ingest;

import io.flowanalyzer.ingest.custody.DeliveryLedger;
import io.flowanalyzer.ingest.feeds.DeliveryIntake;
import io.flowanalyzer.ingest.formats.profile.FormatProfiles;
import io.flowanalyzer.ingest.publish.KafkaDeliveryPublisher;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** The ingest routes as their own application (a deployment runs it next to Kafka); the launcher embeds it. */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
@PropertySource("classpath:ingest-defaults.properties")
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    KafkaDeliveryPublisher deliveryPublisher(IngestProperties properties) {
        return new KafkaDeliveryPublisher(properties.kafkaBootstrapServers(), Map.of());
    }

    @Bean
    FormatProfiles formatProfiles(IngestProperties properties) {
        return FormatProfiles.load(properties.profiles());
    }

    @Bean
    DeliveryIntake deliveryIntake(
            KafkaDeliveryPublisher publisher, FormatProfiles profiles, IngestProperties properties)
            throws java.io.IOException {
        return new DeliveryIntake(
                publisher,
                profiles,
                Clock.systemUTC(),
                new DeliveryIntake.Limits(properties.maxExpandedBytes(), properties.maxArchiveEntries()),
                new DeliveryLedger(properties.ledger()));
    }
}
