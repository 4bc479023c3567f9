package io.flowanalyzer.portal.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of filter chip: what an investigator narrows by, the words on the chip, and the fields
 * it looks in. An {@code ip} chip holds an address or a network and matches any of the session's
 * addresses; {@code destination} only the B-party's; {@code geo} is a box on where the A-party was
 * ({@code ipdr.cell.location}); {@code tagged} holds a case number and matches the records of the files
 * tagged with that case; {@code list} is a stored list of identifiers ({@link IdLists}).
 */
public enum FilterKind {
    IP("ip", "Address", List.of("source.ip", "source.nat.ip", "destination.ip")),
    DESTINATION("destination", "B-party", List.of("destination.ip")),
    SUBSCRIBER("subscriber", "Subscriber", List.of("ipdr.a_party.subscriber_id")),
    MSISDN("msisdn", "MSISDN", List.of("ipdr.a_party.msisdn")),
    IMSI("imsi", "IMSI", List.of("ipdr.a_party.imsi")),
    IMEI("imei", "IMEI", List.of("ipdr.a_party.imei")),
    ISP("isp", "ISP", List.of("ipdr.isp")),
    APP("app", "App", List.of("ipdr.b_party.app")),
    FLAG("flag", "Flag", List.of("ipdr.flags.name")),
    COUNTRY("country", "Country", List.of("destination.geo.country_iso_code")),
    NETWORK("network", "Network (AS)", List.of("destination.as.organization.name")),
    ATTRIBUTION("attribution", "Attribution", List.of("ipdr.attribution.method")),
    GEO("geo", "Area", List.of("ipdr.cell.location")),
    TAGGED("tagged", "Files of case", List.of("file.hash.sha256")),
    LIST("list", "List", List.of());

    private final String key;
    private final String label;
    private final List<String> fields;

    FilterKind(String key, String label, List<String> fields) {
        this.key = key;
        this.label = label;
        this.fields = fields;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public List<String> fields() {
        return fields;
    }

    /** Whether the chip names one subscriber (what a timeline follows). */
    public boolean namesSubscriber() {
        return this == MSISDN || this == IMSI || this == IMEI || this == SUBSCRIBER;
    }

    public static Optional<FilterKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equalsIgnoreCase(key)).findFirst();
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(FilterKind::key).toList());
    }
}
