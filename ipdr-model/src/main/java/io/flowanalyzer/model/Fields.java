package io.flowanalyzer.model;

/** The Elasticsearch field names of the canonical records (ECS where ECS has a name, {@code ipdr.*} otherwise). */
public final class Fields {
    private Fields() {}

    public static final String TIMESTAMP = "@timestamp";
    public static final String EVENT_ID = "event.id";
    public static final String EVENT_START = "event.start";
    public static final String EVENT_END = "event.end";
    public static final String EVENT_DURATION = "event.duration";
    public static final String EVENT_DATASET = "event.dataset";
    public static final String EVENT_ORIGINAL = "event.original";

    public static final String SUBSCRIBER_ID = "ipdr.a_party.subscriber_id";
    public static final String MSISDN = "ipdr.a_party.msisdn";
    public static final String IMSI = "ipdr.a_party.imsi";
    public static final String IMEI = "ipdr.a_party.imei";
    public static final String SUBSCRIBER_NAME = "ipdr.a_party.name";
    public static final String DEVICE_ID = "ipdr.a_party.device_id";
    public static final String APN = "ipdr.access.apn";
    public static final String RAT = "ipdr.access.rat";
    public static final String LAST_CELL_ID = "ipdr.cell.last_id";

    public static final String SOURCE_IP = "source.ip";
    public static final String SOURCE_PORT = "source.port";
    public static final String SOURCE_NAT_IP = "source.nat.ip";
    public static final String SOURCE_NAT_PORT = "source.nat.port";
    public static final String SOURCE_BYTES = "source.bytes";
    public static final String DESTINATION_IP = "destination.ip";
    public static final String DESTINATION_PORT = "destination.port";
    public static final String DESTINATION_BYTES = "destination.bytes";
    public static final String NETWORK_TRANSPORT = "network.transport";

    public static final String CELL_ID = "ipdr.cell.id";
    public static final String CELL_LOCATION = "ipdr.cell.location";
    public static final String ISP = "ipdr.isp";
    public static final String FEED = "ipdr.feed";
    public static final String PROFILE = "ipdr.profile";
    public static final String ATTRIBUTION_METHOD = "ipdr.attribution.method";
    public static final String FLAGS = "ipdr.flags";
    public static final String RISK_SCORE = "ipdr.risk_score";

    public static final String DELIVERY_ID = "ipdr.delivery.id";
    public static final String DELIVERY_LINE = "ipdr.delivery.line";
    public static final String LOG_FILE_PATH = "log.file.path";
    public static final String LOG_OFFSET = "log.offset";
    public static final String FILE_SHA256 = "file.hash.sha256";
    public static final String ERROR_MESSAGE = "error.message";
}
