package io.flowanalyzer.portal.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * An investigation as stored in {@code ipdr-objects} (document id {@code case:<number>}): its number
 * and title, the legal authority that allows it, who works in it, and what its authority covers — the
 * ISPs it was served on (none listed: every ISP), the period of the records it asks for, and whether it
 * covers the subscribers' identities ({@code identifiers}; when false MSISDN, IMSI, IMEI and names are
 * masked for everyone working in it). {@code files} are the SHA-256 of the delivered files tagged with
 * the case: a user whose scope names the case as a tag sees the records of those files only.
 */
public record CaseFile(
        String type,
        String number,
        String title,
        Authority authority,
        List<String> members,
        List<String> isps,
        @JsonProperty("records_from") LocalDate recordsFrom,
        @JsonProperty("records_to") LocalDate recordsTo,
        boolean identifiers,
        Status status,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("closed_at") Instant closedAt,
        List<String> files) {

    public static final String TYPE = "case";

    public enum Status {
        OPEN,
        CLOSED
    }

    /**
     * The legal authority for the case: what kind of order it is (requisition, warrant, court order),
     * its reference, who issued it, for what purpose, and the dates it is valid (both inclusive).
     */
    public record Authority(
            String kind,
            String reference,
            @JsonProperty("issued_by") String issuedBy,
            String purpose,
            @JsonProperty("valid_from") LocalDate validFrom,
            @JsonProperty("valid_until") LocalDate validUntil) {

        /** "Warrant W-2026-114 issued by …, valid 2026-11-01 to 2027-01-31" */
        public String describe() {
            return (kind == null ? "Authority" : kind) + " " + reference + " issued by " + issuedBy + ", valid "
                    + validFrom + " to " + validUntil;
        }
    }

    public static String documentId(String number) {
        return TYPE + ":" + number;
    }

    public List<String> members() {
        return members == null ? List.of() : members;
    }

    public List<String> files() {
        return files == null ? List.of() : files;
    }

    /** This case with {@code files} as its tagged files, changed at {@code now}. */
    public CaseFile withFiles(List<String> files, Instant now) {
        return with(status, now, closedAt, List.copyOf(files));
    }

    /** This case closed at {@code now}. */
    public CaseFile closedAt(Instant now) {
        return with(Status.CLOSED, now, now, files);
    }

    private CaseFile with(Status status, Instant updatedAt, Instant closedAt, List<String> files) {
        return new CaseFile(
                type,
                number,
                title,
                authority,
                members,
                isps,
                recordsFrom,
                recordsTo,
                identifiers,
                status,
                createdBy,
                createdAt,
                updatedAt,
                closedAt,
                files);
    }

    public List<String> isps() {
        return isps == null ? List.of() : isps;
    }

    public boolean hasMember(String user) {
        return members().contains(user);
    }

    /**
     * Why nobody may work in this case on {@code today} (in the portal's zone), or null when they may:
     * it is closed, its authority is not valid yet, or it has expired.
     */
    @JsonIgnore
    public String closedReason(LocalDate today) {
        if (status == Status.CLOSED) {
            return "Case " + number + " is closed.";
        }
        if (authority == null || authority.validFrom() == null || authority.validUntil() == null) {
            return "Case " + number + " has no valid legal authority.";
        }
        if (today.isBefore(authority.validFrom())) {
            return "The authority for case " + number + " is valid only from " + authority.validFrom() + ".";
        }
        if (today.isAfter(authority.validUntil())) {
            return "The authority for case " + number + " expired on " + authority.validUntil() + ".";
        }
        return null;
    }

    /** Whether the case may be worked in now. */
    public boolean activeAt(Instant now, ZoneId zone) {
        return closedReason(LocalDate.ofInstant(now, zone)) == null;
    }
}
