package io.flowanalyzer.portal.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A portal user as stored in {@code ipdr-objects} (document id {@code user:<name>}): roles, the ISPs
 * whose records they may see ({@code isps}; none listed: every ISP), the sign-in lock, and the case
 * their requests are made in when they name none ({@code default_case}), and the cases whose files
 * alone they may read ({@code case_tags}; none listed: records of any file).
 */
public record UserAccount(
        String type,
        String name,
        List<String> roles,
        @JsonProperty("password_hash") String passwordHash,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("failed_logins") Integer failedLogins,
        @JsonProperty("locked_until") Instant lockedUntil,
        List<String> isps,
        @JsonProperty("default_case") String defaultCase,
        @JsonProperty("case_tags") List<String> caseTags) {

    /** Whether sign-in is refused at {@code now} (a lock runs out by itself). */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public static final String TYPE = "user";

    public List<String> caseTags() {
        return caseTags == null ? List.of() : caseTags;
    }

    public static String documentId(String name) {
        return TYPE + ":" + name;
    }
}
