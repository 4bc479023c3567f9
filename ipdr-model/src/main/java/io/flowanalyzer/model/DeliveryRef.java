package io.flowanalyzer.model;

/** What identifies one delivered file: its id, where it came from, how it is read, and its SHA-256. */
public record DeliveryRef(String id, String isp, String feed, String profile, String fileName, String sha256) {

    /** A delivery of {@code sha256} content from {@code isp}; the id depends only on the two, so a re-delivery keeps it. */
    public static DeliveryRef of(String isp, String feed, String profile, String fileName, String sha256) {
        return new DeliveryRef(RecordIds.forDelivery(isp, sha256), isp, feed, profile, fileName, sha256);
    }

    /** One part (a spreadsheet's sheet) of a delivered file: its own id, the file's own SHA-256. */
    public static DeliveryRef ofPart(
            String isp, String feed, String profile, String fileName, String sha256, String part) {
        if (part == null) {
            return of(isp, feed, profile, fileName, sha256);
        }
        return new DeliveryRef(RecordIds.forDelivery(isp, sha256 + "#" + part), isp, feed, profile, fileName, sha256);
    }
}
