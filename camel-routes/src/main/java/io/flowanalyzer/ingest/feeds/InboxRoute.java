package io.flowanalyzer.ingest.feeds;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowanalyzer.ingest.IngestProperties;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.RecordJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.springframework.stereotype.Component;

/**
 * The inbox feed: a watched folder with one sub-folder per ISP, the one {@code ./flowanalyzer ingest}
 * writes to. A read file moves to the done folder, an unreadable one to quarantine; when Kafka cannot
 * take a delivery the file stays in the inbox and is read again (ids are deterministic, so no duplicates).
 */
@Component
public class InboxRoute extends RouteBuilder {
    static final String DESTINATION = "flowanalyzerDestination";

    private final IngestProperties properties;
    private final DeliveryIntake intake;

    public InboxRoute(IngestProperties properties, DeliveryIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    @Override
    public void configure() throws IOException {
        Path inbox = properties.inbox().toAbsolutePath().normalize();
        Files.createDirectories(inbox);
        Files.createDirectories(properties.done());
        Files.createDirectories(properties.quarantine());
        Files.createDirectories(properties.receipts());

        errorHandler(retrying(defaultErrorHandler()));

        fromF(
                        "file:%s?recursive=true&antExclude=**/.*&readLock=changed&readLockCheckInterval=500&readLockMinAge=500"
                                + "&delay=%d&sortBy=file:modified&move=${exchangeProperty.%s}"
                                + "&backoffErrorThreshold=3&backoffMultiplier=10",
                        inbox, properties.pollEvery().toMillis(), DESTINATION)
                .routeId("inbox")
                .process(this::readDelivery)
                .log(LoggingLevel.DEBUG, "inbox file ${header.CamelFileName} handled");
    }

    /**
     * How the file routes retry: three more times with growing pauses, logged as warnings without a
     * stack trace; then the file stays where it is and is read again at the next poll.
     */
    public static org.apache.camel.builder.DefaultErrorHandlerBuilder retrying(
            org.apache.camel.builder.DefaultErrorHandlerBuilder handler) {
        handler.maximumRedeliveries(3)
                .redeliveryDelay(1000)
                .useExponentialBackOff()
                .logStackTrace(false)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return handler;
    }

    private void readDelivery(Exchange exchange) throws IOException {
        GenericFile<?> genericFile = exchange.getIn().getBody(GenericFile.class);
        File file = (File) genericFile.getFile();
        String relative =
                exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = relative.indexOf('/');
        String isp = slash > 0 ? relative.substring(0, slash) : properties.defaultIsp();
        String fileName = slash > 0 ? relative.substring(slash + 1) : relative;

        List<DeliveryIntake.Outcome> outcomes = intake.readAll(
                file.toPath(),
                new DeliveryIntake.Source(
                        isp, "inbox", fileName, requestedProfile(file.toPath()), properties.zoneFor(isp)));

        boolean allQuarantined = outcomes.stream().allMatch(DeliveryIntake.Outcome::quarantined);
        Path target = (allQuarantined
                        ? properties.quarantine()
                        : properties
                                .done()
                                .resolve(LocalDate.now(ZoneOffset.UTC).toString()))
                .resolve(isp)
                .resolve(outcomes.get(0).delivery().id() + "-" + flat(fileName));
        exchange.setProperty(DESTINATION, target.toAbsolutePath().toString());
        writeReceipt(
                isp,
                fileName,
                outcomes.stream().map(DeliveryIntake.Outcome::delivery).toList());
    }

    /**
     * The profile {@code ./flowanalyzer ingest --profile} asked for, left beside the file as a hidden
     * {@code .<name>.profile} before the file itself arrived; null means: detect it from the content.
     */
    private static String requestedProfile(Path file) throws IOException {
        Path sidecar = file.resolveSibling("." + file.getFileName() + ".profile");
        if (!Files.exists(sidecar)) {
            return null;
        }
        String name = Files.readString(sidecar).strip();
        Files.deleteIfExists(sidecar);
        return name.isEmpty() ? null : name;
    }

    /** A receipt per inbox file name, overwritten by the newest delivery of that name: what {@code ingest} prints. */
    private void writeReceipt(String isp, String fileName, List<Delivery> deliveries) throws IOException {
        Path dir = properties.receipts().resolve(isp);
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + flat(fileName) + ".json.tmp");
        Files.write(
                tmp,
                RecordJson.mapper()
                        .writer()
                        .with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(deliveries));
        Files.move(
                tmp,
                dir.resolve(flat(fileName) + ".json"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String flat(String relativeName) {
        return relativeName.replace('/', '_');
    }
}
