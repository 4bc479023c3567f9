package io.flowanalyzer.model.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of reference data, as it travels on {@code ipdr.reference} (keyed by {@link #key}; a
 * message with that key and no value deletes it). Four kinds: a subscriber in the directory, a
 * service/app address range, a watch-list entry, a cell tower. Only the fields of its kind are set.
 *
 * @param list which list or file the entry belongs to (watch lists are named by it)
 * @param severity how much a watch-list hit weighs in the risk score, 0–1
 * @param validFrom start of the period the entry holds for (inclusive; null: always did)
 * @param validTo end of that period (exclusive; null: still does)
 * @param source where the entry came from: file and line
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferenceEntry(
        String kind,
        String key,
        String list,
        String cidr,
        String app,
        String category,
        String label,
        Double severity,
        String cellId,
        Double lat,
        Double lon,
        Integer azimuth,
        String subscriberId,
        String msisdn,
        String imsi,
        String imei,
        String name,
        String address,
        Instant validFrom,
        Instant validTo,
        String source)
        implements java.io.Serializable {

    public static final String SUBSCRIBER = "subscriber";
    public static final String APP = "app";
    public static final String WATCH = "watch";
    public static final String CELL = "cell";

    /** The default weight of a watch-list hit when its list does not give one. */
    public static final double DEFAULT_SEVERITY = 0.8;

    public static ReferenceEntry subscriber(
            String subscriberId, String msisdn, String imsi, String imei, String name, String address, String source) {
        String id = subscriberId != null ? subscriberId : msisdn != null ? "msisdn:" + msisdn : "imsi:" + imsi;
        return new ReferenceEntry(
                SUBSCRIBER,
                SUBSCRIBER + "|" + id,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                subscriberId,
                msisdn,
                imsi,
                imei,
                name,
                address,
                null,
                null,
                source);
    }

    public static ReferenceEntry app(
            String cidr, String app, String category, Instant validFrom, Instant validTo, String source) {
        cidr = canonicalCidr(cidr);
        return new ReferenceEntry(
                APP,
                APP + "|" + cidr + "|" + validFrom,
                null,
                cidr,
                app,
                category,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                validFrom,
                validTo,
                source);
    }

    public static ReferenceEntry watch(
            String list,
            String cidr,
            String label,
            Double severity,
            Instant validFrom,
            Instant validTo,
            String source) {
        cidr = canonicalCidr(cidr);
        return new ReferenceEntry(
                WATCH,
                WATCH + "|" + list + "|" + cidr + "|" + validFrom,
                list,
                cidr,
                null,
                null,
                label,
                severity,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                validFrom,
                validTo,
                source);
    }

    public static ReferenceEntry cell(
            String cellId, double lat, double lon, Integer azimuth, String name, String address, String source) {
        String id = cellKey(cellId);
        return new ReferenceEntry(
                CELL,
                CELL + "|" + id,
                null,
                null,
                null,
                null,
                null,
                null,
                id,
                lat,
                lon,
                azimuth,
                null,
                null,
                null,
                null,
                name,
                address,
                null,
                null,
                source);
    }

    /** A block in its one written form, so that one block is one key however it was spelled. */
    private static String canonicalCidr(String text) {
        Cidr cidr = Cidr.parse(text);
        return cidr == null ? text : cidr.toString();
    }

    /** Cell ids are compared without case and surrounding blanks. */
    public static String cellKey(String cellId) {
        return cellId == null ? null : cellId.strip().toUpperCase(Locale.ROOT);
    }

    /** Why this entry cannot be used, or null when it can (entries on the topic are not trusted either). */
    public String problem() {
        if (kind == null || key == null) {
            return "a reference entry needs a kind and a key";
        }
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            return "its validity ends (" + validTo + ") before it starts (" + validFrom + ")";
        }
        return switch (kind) {
            case SUBSCRIBER -> subscriberId == null && msisdn == null && imsi == null
                    ? "a subscriber needs a subscriber id, an MSISDN or an IMSI"
                    : null;
            case APP -> Cidr.parse(cidr) == null
                    ? "'" + cidr + "' is not an IP address or CIDR block"
                    : app == null ? "an app range needs the app's name" : null;
            case WATCH -> Cidr.parse(cidr) == null
                    ? "'" + cidr + "' is not an IP address or CIDR block"
                    : severity != null && (severity < 0 || severity > 1) ? "severity must be between 0 and 1" : null;
            case CELL -> cellId == null || cellId.isBlank()
                    ? "a cell needs its id"
                    : lat == null || lon == null || lat < -90 || lat > 90 || lon < -180 || lon > 180
                            ? "a cell needs a latitude (−90 to 90) and a longitude (−180 to 180)"
                            : azimuth != null && (azimuth < 0 || azimuth > 360)
                                    ? "azimuth must be 0–360 degrees"
                                    : null;
            default -> "unknown kind of reference entry '" + kind + "'";
        };
    }
}
