package io.flowanalyzer.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One piece of evidence that ties an address to a subscriber at a time: a NAT/CGNAT translation
 * (private ip:port ↔ public ip:port), a port-block allocation (private ip ↔ public ip and a port
 * range), or a RADIUS accounting record (framed IP ↔ user name and calling station). Each delivered
 * line is one event — the start, the end or an interim report of the binding — published to
 * {@code ipdr.nat} and indexed in {@code ipdr-nat}, shaped like its document (ECS names, the rest under
 * {@code ipdr}). The correlator pairs starts with ends and attributes sessions through them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NatBinding(
        @JsonProperty("@timestamp") Instant timestamp,
        Event event,
        SessionRecord.Source source,
        SessionRecord.Destination destination,
        SessionRecord.Network network,
        Ipdr ipdr,
        SessionRecord.Log log,
        SessionRecord.FileRef file) {

    public static final String TRANSLATION = "translation";
    public static final String PORT_BLOCK = "port_block";
    public static final String RADIUS = "radius";
    /** An operator's allocation report row: this address was the subscriber's from … to … */
    public static final String ALLOCATION = "allocation";

    public static final String START = "start";
    public static final String END = "end";
    public static final String INTERIM = "interim";

    @JsonIgnore
    public String id() {
        return event.id();
    }

    /**
     * ECS {@code event.*}: {@code action} is what the line reports (start, end or interim of the
     * binding); {@code start} and {@code end} are the binding's times as far as this line knows them
     * (an end line that states its duration knows both); {@code code} is the device's message id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            String id,
            String action,
            Instant start,
            Instant end,
            Long duration,
            String code,
            String dataset,
            String original) {}

    /**
     * The IPDR part: the subscriber a RADIUS record names, provenance, and the binding's own fields.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ipdr(
            @JsonProperty("a_party") SessionRecord.AParty aParty,
            String isp,
            String feed,
            String profile,
            SessionRecord.Delivery delivery,
            Binding binding) {}

    /**
     * What kind of binding (translation, port_block, radius), the public port range of a port block,
     * the RADIUS accounting session id, the address of the device that reported it, and the IPv6
     * prefix a RADIUS session delegated to the subscriber (every address in it is theirs).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Binding(
            String kind,
            @JsonProperty("port_start") Integer portStart,
            @JsonProperty("port_end") Integer portEnd,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("reporter_ip") String reporterIp,
            @JsonProperty("ipv6_prefix") String ipv6Prefix) {}
}
