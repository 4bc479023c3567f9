package io.flowanalyzer.correlator.sessions;

import io.flowanalyzer.correlator.sink.IndexAction;
import io.flowanalyzer.correlator.sources.KafkaMessage;
import io.flowanalyzer.model.Delivery;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.RecordJson;
import io.flowanalyzer.model.Reject;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sorts the ingest topics' messages: session records go on (the main output); NAT and RADIUS
 * bindings, rejects and custody records go to side outputs. A message that is not what its topic promises becomes
 * a reject itself, so nothing that reached Kafka is lost and nothing stops the job.
 */
public class MessageRouting extends ProcessFunction<KafkaMessage, SessionRecord> {
    public static final OutputTag<IndexAction> REJECTS = new OutputTag<>("rejects") {};
    public static final OutputTag<IndexAction> CUSTODY = new OutputTag<>("custody") {};
    /** NAT/CGNAT translations, port blocks and RADIUS bindings: indexed, and the evidence attribution reads. */
    public static final OutputTag<NatBinding> BINDINGS = new OutputTag<>("bindings") {};

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<SessionRecord> out) {
        switch (message.topic()) {
            case Topics.RECORDS -> {
                SessionRecord record = readRecord(message);
                if (record != null) {
                    out.collect(record);
                } else {
                    ctx.output(
                            REJECTS,
                            brokenMessage(
                                    message,
                                    "the message on " + Topics.RECORDS
                                            + " is not a session record with an id and a start time"));
                }
            }
            case Topics.NAT -> {
                NatBinding binding = read(message.value(), NatBinding.class);
                if (binding != null
                        && binding.event() != null
                        && binding.event().id() != null
                        && binding.timestamp() != null) {
                    ctx.output(BINDINGS, binding);
                } else {
                    ctx.output(
                            REJECTS,
                            brokenMessage(
                                    message,
                                    "the message on " + Topics.NAT
                                            + " is not a NAT or RADIUS binding with an id and a time"));
                }
            }
            case Topics.REJECTS -> {
                Reject reject = read(message.value(), Reject.class);
                if (reject != null && reject.event() != null && reject.event().id() != null) {
                    ctx.output(REJECTS, new IndexAction(Indices.REJECTS, reject.id(), message.value()));
                } else {
                    ctx.output(
                            REJECTS, brokenMessage(message, "the message on " + Topics.REJECTS + " is not a reject"));
                }
            }
            case Topics.CUSTODY -> {
                Delivery delivery = read(message.value(), Delivery.class);
                if (delivery != null && delivery.id() != null) {
                    ctx.output(CUSTODY, new IndexAction(Indices.CUSTODY, delivery.id(), message.value()));
                } else {
                    ctx.output(
                            REJECTS,
                            brokenMessage(message, "the message on " + Topics.CUSTODY + " is not a custody record"));
                }
            }
            default -> ctx.output(
                    REJECTS, brokenMessage(message, "the correlator does not read topic " + message.topic()));
        }
    }

    private static SessionRecord readRecord(KafkaMessage message) {
        SessionRecord record = read(message.value(), SessionRecord.class);
        if (record == null || record.event() == null || record.event().id() == null || record.timestamp() == null) {
            return null;
        }
        return record;
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return RecordJson.fromBytes(json, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A reject for a message that could not be read; its id is derived from the message's bytes. */
    static IndexAction brokenMessage(KafkaMessage message, String reason) {
        String raw = new String(message.value(), StandardCharsets.UTF_8);
        String id = HexFormat.of()
                .formatHex(RecordIds.sha256().digest(message.value()))
                .substring(0, 32);
        Reject reject = new Reject(
                Instant.now(),
                new SessionRecord.Event(
                        id,
                        null,
                        null,
                        null,
                        "kafka:" + message.topic(),
                        raw.length() > 32_000 ? raw.substring(0, 32_000) : raw),
                new Reject.Error(reason),
                null,
                null,
                null);
        return new IndexAction(Indices.REJECTS, id, RecordJson.toBytes(reject));
    }
}
