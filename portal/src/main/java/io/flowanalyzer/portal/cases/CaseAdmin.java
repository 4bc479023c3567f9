package io.flowanalyzer.portal.cases;

import io.flowanalyzer.portal.audit.AuditTrail;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.users.UserAccounts;
import io.flowanalyzer.portal.users.UserAdmin;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Opening, changing and closing cases (SUPERVISOR and ADMIN), and a user's choice of default case.
 * Every change is checked — a case needs its legal authority in full, members who exist — and is an
 * entry in the audit trail.
 */
@Service
public class CaseAdmin {
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    private final CaseStore store;
    private final UserAccounts accounts;
    private final AuditTrail audit;
    private final ActiveCase active;

    public CaseAdmin(CaseStore store, UserAccounts accounts, AuditTrail audit, ActiveCase active) {
        this.store = store;
        this.accounts = accounts;
        this.audit = audit;
        this.active = active;
    }

    /**
     * A case as asked for by the form or the API (in JSON with snake_case names: {@code issued_by},
     * {@code valid_from}…); dates are ISO days (2026-11-24).
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(
            String number,
            String title,
            String kind,
            String reference,
            String issuedBy,
            String purpose,
            String validFrom,
            String validUntil,
            List<String> members,
            List<String> isps,
            String recordsFrom,
            String recordsTo,
            Boolean identifiers) {}

    public CaseFile open(String actor, Change change) {
        String number = change.number() == null ? "" : change.number().strip();
        if (!NUMBER.matcher(number).matches()) {
            throw new InvalidSearch(
                    "A case number is 2 to 64 letters, digits, '.', '_' or '-' (for example FIR-0412-2026).");
        }
        List<String> members = new ArrayList<>(members(change.members()));
        if (!members.contains(actor)) {
            members.add(0, actor);
        }
        Instant now = Instant.now();
        CaseFile file = checked(number, change, members, CaseFile.Status.OPEN, actor, now, now, null, List.of());
        if (!store.createIfAbsent(file)) {
            throw new InvalidSearch("There is already a case numbered " + number + ".");
        }
        audit.record(
                "case_change", "ok", "case:" + number, "opened case " + number + ": " + describe(file), detail(file));
        return file;
    }

    /** Changes a case; what the change leaves out (null) keeps its value. */
    public CaseFile update(String number, Change asked) {
        CaseFile old = existing(number);
        Change change = keeping(old, asked);
        if (old.status() == CaseFile.Status.CLOSED) {
            throw new InvalidSearch("Case " + old.number() + " is closed; a closed case is not changed.");
        }
        CaseFile file = checked(
                old.number(),
                change,
                members(change.members()),
                old.status(),
                old.createdBy(),
                old.createdAt(),
                Instant.now(),
                null,
                old.files());
        store.save(file);
        audit.record(
                "case_change",
                "ok",
                "case:" + file.number(),
                "changed case " + file.number() + ": " + describe(file),
                detail(file));
        return file;
    }

    private static Change keeping(CaseFile old, Change c) {
        CaseFile.Authority a = old.authority();
        return new Change(
                old.number(),
                or(c.title(), old.title()),
                or(c.kind(), a.kind()),
                or(c.reference(), a.reference()),
                or(c.issuedBy(), a.issuedBy()),
                or(c.purpose(), a.purpose()),
                or(c.validFrom(), String.valueOf(a.validFrom())),
                or(c.validUntil(), String.valueOf(a.validUntil())),
                c.members() == null ? old.members() : c.members(),
                c.isps() == null ? old.isps() : c.isps(),
                c.recordsFrom() == null
                        ? (old.recordsFrom() == null ? null : old.recordsFrom().toString())
                        : c.recordsFrom(),
                c.recordsTo() == null
                        ? (old.recordsTo() == null ? null : old.recordsTo().toString())
                        : c.recordsTo(),
                c.identifiers() == null ? old.identifiers() : c.identifiers());
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** Closes the case: nobody works in it any more; its audit entries and exports stay. */
    public CaseFile close(String number) {
        CaseFile old = existing(number);
        if (old.status() == CaseFile.Status.CLOSED) {
            return old;
        }
        CaseFile file = old.closedAt(Instant.now());
        store.save(file);
        audit.record("case_change", "ok", "case:" + file.number(), "closed case " + file.number(), detail(file));
        return file;
    }

    /** The case numbered {@code number} if it can take a new member (it exists and is open). */
    public CaseFile joinable(String number) {
        CaseFile file = existing(number);
        if (file.status() == CaseFile.Status.CLOSED) {
            throw new InvalidSearch("Case " + file.number() + " is closed; nobody joins a closed case.");
        }
        return file;
    }

    /** Adds {@code user} to case {@code number} and makes it their default case (a new account's first case). */
    public CaseFile enrol(String number, String user) {
        CaseFile old = joinable(number);
        if (!old.hasMember(user)) {
            List<String> members = new ArrayList<>(old.members());
            members.add(user);
            update(
                    old.number(),
                    new Change(null, null, null, null, null, null, null, null, members, null, null, null, null));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("default_case", old.number());
        accounts.update(user, fields);
        return existing(old.number());
    }

    /** Makes {@code number} the case {@code user}'s requests are made in when they name none. */
    public CaseFile makeDefault(String user, String number) {
        CaseFile file = active.usable(number, user);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("default_case", file.number());
        fields.put("updated_at", Instant.now().toString());
        accounts.update(user, fields);
        audit.record(
                "case_change",
                "ok",
                "user:" + user,
                user + " made case " + file.number() + " their default",
                Map.of("case", file.number(), "user", user));
        return file;
    }

    public CaseFile existing(String number) {
        return store.find(number == null ? "" : number.strip())
                .orElseThrow(() -> new InvalidSearch("There is no case numbered " + number + "."));
    }

    private CaseFile checked(
            String number,
            Change c,
            List<String> members,
            CaseFile.Status status,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            Instant closedAt,
            List<String> files) {
        String title = required(c.title(), "a title", 200);
        String kind =
                c.kind() == null || c.kind().isBlank() ? "Requisition" : limited(c.kind(), "The kind of authority", 60);
        String reference =
                required(c.reference(), "the reference of its legal authority (requisition or warrant number)", 120);
        String issuedBy = required(c.issuedBy(), "the authority that issued it", 200);
        String purpose = required(c.purpose(), "the purpose of the investigation", 500);
        LocalDate from = day(c.validFrom(), "valid from");
        LocalDate until = day(c.validUntil(), "valid until");
        if (from == null || until == null) {
            throw new InvalidSearch("A case needs the dates its authority is valid from and until.");
        }
        if (until.isBefore(from)) {
            throw new InvalidSearch("The authority's 'valid until' date (" + until
                    + ") is before its 'valid from' date (" + from + ").");
        }
        LocalDate recordsFrom = day(c.recordsFrom(), "records from");
        LocalDate recordsTo = day(c.recordsTo(), "records to");
        if (recordsFrom != null && recordsTo != null && recordsTo.isBefore(recordsFrom)) {
            throw new InvalidSearch(
                    "The records period ends (" + recordsTo + ") before it starts (" + recordsFrom + ").");
        }
        if (members.isEmpty()) {
            throw new InvalidSearch("A case needs at least one member.");
        }
        return new CaseFile(
                CaseFile.TYPE,
                number,
                title,
                new CaseFile.Authority(kind, reference, issuedBy, purpose, from, until),
                members,
                UserAdmin.isps(c.isps()),
                recordsFrom,
                recordsTo,
                Boolean.TRUE.equals(c.identifiers()),
                status,
                createdBy,
                createdAt,
                updatedAt,
                closedAt,
                files);
    }

    private List<String> members(List<String> names) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String entry : names == null ? List.<String>of() : names) {
            for (String one : entry.split("[,\\s]+")) {
                if (one.isBlank()) {
                    continue;
                }
                String name = one.strip().toLowerCase(Locale.ROOT);
                if (accounts.find(name).isEmpty()) {
                    throw new InvalidSearch("There is no user called " + one.strip() + " to add to the case.");
                }
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static String required(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidSearch("A case needs " + what + ".");
        }
        return limited(value, "The " + what.replaceFirst("^(a|the) ", ""), max);
    }

    private static String limited(String value, String what, int max) {
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidSearch(what + " is longer than " + max + " characters.");
        }
        return v;
    }

    private static LocalDate day(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSearch(
                    "'" + value.strip() + "' is not a date for '" + what + "'; write it as 2026-11-24.");
        }
    }

    private static String describe(CaseFile f) {
        return f.authority().describe() + "; members " + String.join(", ", f.members()) + "; ISPs "
                + (f.isps().isEmpty() ? "(all)" : String.join(", ", f.isps())) + "; identifiers "
                + (f.identifiers() ? "shown" : "masked");
    }

    private static Map<String, String> detail(CaseFile f) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("case", f.number());
        d.put("authority", f.authority().reference());
        d.put("members", String.join(",", f.members()));
        d.put("isps", String.join(",", f.isps()));
        d.put("identifiers", String.valueOf(f.identifiers()));
        d.put("status", f.status().name());
        return d;
    }
}
