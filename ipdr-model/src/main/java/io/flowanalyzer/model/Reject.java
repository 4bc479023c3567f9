package io.flowanalyzer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A line (or a whole file) that could not become a record: kept with its file, line, reason and raw
 * text so that nothing is silently dropped. Shaped like its {@code ipdr-rejects} document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reject(
        @JsonProperty("@timestamp") Instant rejectedAt,
        SessionRecord.Event event,
        Error error,
        Ipdr ipdr,
        SessionRecord.Log log,
        SessionRecord.FileRef file) {

    /**
     * ECS {@code error.*}: why the line was refused; {@code type} the reason with its particulars taken out
     * (quoted values, numbers), so that rejects can be counted by kind of reason.
     */
    public record Error(String message, String type) {
        public Error(String message) {
            this(message, kind(message));
        }
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(?<![\\w.])\\d+(\\.\\d+)?(?!\\w)");

    /**
     * The kind of a reason: {@code the line has 5 fields; the header has 7} → {@code the line has N fields;
     * the header has N}, {@code Acct-Status-Type 'Foo' …} → {@code Acct-Status-Type '…' …}; at most 160
     * characters, so that a long particular does not make a kind of its own.
     */
    public static String kind(String reason) {
        if (reason == null) {
            return null;
        }
        String k = QUOTED.matcher(reason).replaceAll("'…'");
        k = NUMBER.matcher(k).replaceAll("N");
        return k.length() > 160 ? k.substring(0, 159) + "…" : k;
    }

    /** Provenance of the rejected line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ipdr(String isp, String feed, String profile, SessionRecord.Delivery delivery) {}

    /** A reject for {@code line} (1-based; 0 for the file as a whole) of a delivery. */
    public static Reject of(Instant at, DeliveryRef delivery, long line, Long offset, String reason, String raw) {
        return new Reject(
                at,
                new SessionRecord.Event(
                        RecordIds.forRejectedLine(delivery.id(), line), null, null, null, delivery.profile(), raw),
                new Error(reason),
                new Ipdr(
                        delivery.isp(),
                        delivery.feed(),
                        delivery.profile(),
                        new SessionRecord.Delivery(delivery.id(), line)),
                new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), offset),
                new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256())));
    }

    public String id() {
        return event.id();
    }

    public String reason() {
        return error.message();
    }

    public long line() {
        return ipdr.delivery().line();
    }

    public String raw() {
        return event.original();
    }
}
