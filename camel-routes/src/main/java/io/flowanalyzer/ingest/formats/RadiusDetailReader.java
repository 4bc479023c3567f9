package io.flowanalyzer.ingest.formats;

import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.model.DeliveryRef;
import io.flowanalyzer.model.IpAddresses;
import io.flowanalyzer.model.NatBinding;
import io.flowanalyzer.model.RecordIds;
import io.flowanalyzer.model.SessionRecord;
import io.flowanalyzer.model.TimeFormats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads FreeRADIUS {@code detail} files (FORMATS.md §5): a record is a date line followed by indented
 * {@code Attribute = value} lines. Each accounting record becomes a RADIUS binding — the framed address
 * (or delegated IPv6 prefix) held by the subscriber named by User-Name, Calling-Station-Id and the 3GPP
 * identities — or a reject for the whole block saying why it binds nothing. The unit counted for
 * custody is the record (block), reported at its first line.
 */
public final class RadiusDetailReader implements RecordReader {
    private static final TimeFormats EVENT_TIMES =
            TimeFormats.of(List.of("epoch", "MMM d yyyy HH:mm:ss", "iso", "EEE MMM d HH:mm:ss yyyy"));
    /** FreeRADIUS writes Event-Timestamp with the server's zone abbreviation ("IST"), which is ambiguous. */
    private static final java.util.regex.Pattern ZONE_SUFFIX = java.util.regex.Pattern.compile("(.*\\d) ([A-Z]{2,5})");

    private static final TimeFormats DATE_LINE = TimeFormats.of(List.of("EEE MMM d HH:mm:ss yyyy", "iso"));

    private final FormatProfile profile;
    private final DeliveryRef delivery;
    private final ZoneId zone;
    private DeliveryLines.Line first;
    private final List<String> text = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String malformed;

    public RadiusDetailReader(FormatProfile profile, DeliveryRef delivery, ZoneId zone) {
        this.profile = profile;
        this.delivery = delivery;
        this.zone = zone;
    }

    @Override
    public FormatProfile profile() {
        return profile;
    }

    @Override
    public void read(DeliveryLines.Line line, Results out) {
        boolean attribute = Character.isWhitespace(line.text().charAt(0));
        if (!attribute || first == null) {
            finish(out);
            first = line;
        }
        text.add(line.text());
        if (attribute) {
            String s = line.text().strip();
            int eq = s.indexOf('=');
            if (eq <= 0) {
                malformed = malformed != null
                        ? malformed
                        : "line " + line.number() + " of the record is not 'Attribute = value' ("
                                + FieldValues.abbreviate(s, 60) + ")";
            } else {
                String value = s.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                attributes.putIfAbsent(s.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
            }
        }
    }

    @Override
    public void finish(Results out) {
        if (first == null) {
            return;
        }
        DeliveryLines.Line unit =
                new DeliveryLines.Line(first.number(), first.offset(), String.join("\n", text), false);
        LineResult result;
        try {
            result = malformed != null ? LineResult.refused(malformed) : new LineResult.Binding(binding(unit));
        } catch (BadField e) {
            result = LineResult.refused(e.getMessage());
        }
        first = null;
        text.clear();
        attributes.clear();
        malformed = null;
        out.add(unit, result);
    }

    private String attribute(String name) {
        String v = attributes.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isBlank() ? null : v;
    }

    private NatBinding binding(DeliveryLines.Line unit) throws BadField {
        String status = attribute("Acct-Status-Type");
        String action =
                switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
                    case "start", "1" -> NatBinding.START;
                    case "stop", "2" -> NatBinding.END;
                    case "interim-update", "alive", "3" -> NatBinding.INTERIM;
                    case "accounting-on", "accounting-off", "7", "8" -> throw new BadField("an " + status
                            + " record: the NAS "
                            + Optional.ofNullable(attribute("NAS-IP-Address")).orElse("")
                            + " restarted, which ends every session it had open; it binds no address");
                    case "" -> throw new BadField(
                            "the record has no Acct-Status-Type, so it is not an accounting record");
                    default -> throw new BadField("Acct-Status-Type '" + FieldValues.abbreviate(status, 40)
                            + "' is not Start, Stop or Interim-Update");
                };
        Instant time = time(unit);
        String framedIp = FieldValues.ip(() -> "Framed-IP-Address", attribute("Framed-IP-Address"));
        String prefix =
                prefix(Optional.ofNullable(attribute("Delegated-IPv6-Prefix")).orElse(attribute("Framed-IPv6-Prefix")));
        if (framedIp == null && prefix == null) {
            throw new BadField("the record has no Framed-IP-Address or IPv6 prefix, so it binds no address");
        }
        String user = FieldValues.text(() -> "User-Name", attribute("User-Name"));
        String calling = FieldValues.text(() -> "Calling-Station-Id", attribute("Calling-Station-Id"));
        String msisdn = null;
        String deviceId = null;
        if (calling != null && calling.replaceAll("[ +-]", "").matches("[0-9]{6,20}")) {
            msisdn = FieldValues.msisdn(() -> "Calling-Station-Id", calling, profile.msisdnCountryCode());
        } else if (calling != null) {
            deviceId = calling.toUpperCase(Locale.ROOT).replace('-', ':'); // a MAC address on Wi-Fi, a line id on DSL
        }
        String imsi = FieldValues.digits(() -> "3GPP-IMSI", attribute("3GPP-IMSI"));
        String imei = imei(attribute("3GPP-IMEISV"));
        if (user == null && msisdn == null && imsi == null && deviceId == null) {
            throw new BadField("the record names no subscriber (no User-Name, Calling-Station-Id or 3GPP-IMSI)");
        }
        Duration sessionTime = FieldValues.seconds(() -> "Acct-Session-Time", attribute("Acct-Session-Time"));
        Instant start = NatBinding.START.equals(action) ? time : sessionTime == null ? null : time.minus(sessionTime);
        Instant end = NatBinding.END.equals(action) ? time : null;
        Long up = octets("Acct-Input-Octets", "Acct-Input-Gigawords");
        Long down = octets("Acct-Output-Octets", "Acct-Output-Gigawords");
        String sessionId = FieldValues.text(() -> "Acct-Session-Id", attribute("Acct-Session-Id"));
        String nas = FieldValues.ip(() -> "NAS-IP-Address", attribute("NAS-IP-Address"));

        String id = RecordIds.forBinding(
                delivery.isp(), NatBinding.RADIUS, action, time, framedIp, prefix, user, msisdn, imsi, sessionId, nas);
        return new NatBinding(
                time,
                new NatBinding.Event(
                        id,
                        action,
                        start,
                        end,
                        start != null && end != null
                                ? Duration.between(start, end).toNanos()
                                : null,
                        status,
                        profile.name(),
                        unit.text()),
                new SessionRecord.Source(framedIp, null, null, up),
                down == null ? null : new SessionRecord.Destination(null, null, down),
                null,
                new NatBinding.Ipdr(
                        new SessionRecord.AParty(user, msisdn, imsi, imei, deviceId, null),
                        delivery.isp(),
                        delivery.feed(),
                        profile.tag(),
                        new SessionRecord.Delivery(delivery.id(), unit.number()),
                        new NatBinding.Binding(NatBinding.RADIUS, null, null, sessionId, nas, prefix)),
                new SessionRecord.Log(new SessionRecord.LogFile(delivery.fileName()), unit.offsetOrNull()),
                new SessionRecord.FileRef(new SessionRecord.Hash(delivery.sha256())));
    }

    /** Event-Timestamp, else the Timestamp FreeRADIUS adds, else the record's date line, in that order of trust. */
    private Instant time(DeliveryLines.Line unit) throws BadField {
        for (String name : new String[] {"Event-Timestamp", "Timestamp"}) {
            String v = attribute(name);
            if (v != null) {
                String written = FieldValues.singleSpaced(v);
                ZoneId in = zone;
                java.util.regex.Matcher suffix = ZONE_SUFFIX.matcher(written);
                if (suffix.matches()) {
                    // UTC and GMT are read as such; any other abbreviation (IST: India? Israel? Ireland?) in the feed's
                    // zone
                    written = suffix.group(1);
                    in = List.of("UTC", "GMT", "Z").contains(suffix.group(2)) ? java.time.ZoneOffset.UTC : zone;
                }
                Optional<Instant> t = EVENT_TIMES.parse(written, in);
                if (t.isPresent()) {
                    return t.get();
                }
                throw new BadField(name + " '" + FieldValues.abbreviate(v, 60) + "' is not a time");
            }
        }
        String dateLine =
                FieldValues.singleSpaced(unit.text().lines().findFirst().orElse(""));
        return DATE_LINE
                .parse(dateLine, zone)
                .orElseThrow(() -> new BadField("the record has no Event-Timestamp and its first line '"
                        + FieldValues.abbreviate(dateLine, 60) + "' is not a date"));
    }

    private Long octets(String octets, String gigawords) throws BadField {
        String low = attribute(octets);
        String high = attribute(gigawords);
        if (low == null && high == null) {
            return null;
        }
        long l = low == null ? 0 : FieldValues.count(() -> octets, low, "a whole number of bytes");
        long h = high == null ? 0 : FieldValues.count(() -> gigawords, high, "a whole number");
        return (h << 32) + l;
    }

    private static String prefix(String v) throws BadField {
        if (v == null) {
            return null;
        }
        int slash = v.indexOf('/');
        Optional<String> address = IpAddresses.normalise(slash < 0 ? v : v.substring(0, slash));
        String length = slash < 0 ? "128" : v.substring(slash + 1).strip();
        if (address.isEmpty() || !length.matches("[0-9]{1,3}") || Integer.parseInt(length) > 128) {
            throw new BadField("the IPv6 prefix '" + FieldValues.abbreviate(v, 60) + "' is not an address/length");
        }
        return address.get() + "/" + length;
    }

    /** 3GPP-IMEISV is 16 digits (IMEI body + software version); the IMEI is its first 14 with the Luhn check digit. */
    static String imei(String imeisv) throws BadField {
        String v = FieldValues.digits(() -> "3GPP-IMEISV", imeisv);
        if (v == null) {
            return null;
        }
        if (v.length() == 15) {
            return v;
        }
        if (v.length() != 16) {
            throw new BadField("3GPP-IMEISV '" + v + "' is not 16 digits");
        }
        String body = v.substring(0, 14);
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int d = body.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }
}
