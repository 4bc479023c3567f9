package io.flowanalyzer.launcher.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Deliveries of a given size in each benchmarked format, every record valid and different (times,
 * addresses and volumes vary), written the way the format's real deliveries are.
 */
public final class FormatSamples {
    /** The formats {@code bench formats} measures, by the profile that reads them. */
    public static final List<String> FORMATS = List.of(
            "generic-csv", "zeek-conn-json", "suricata-flow", "cisco-asa-nat", "freeradius-detail", "ipdr-docsis");

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final DateTimeFormatter ASA =
            DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private FormatSamples() {}

    /** Writes at least {@code bytes} of the format to {@code file}; returns the number of records written. */
    public static long write(String format, Path file, long bytes) throws IOException {
        long records = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            String head = header(format);
            w.write(head);
            written += head.length();
            while (written < bytes) {
                String record = record(format, records++);
                w.write(record);
                written += record.length();
            }
            String tail = format.equals("ipdr-docsis") ? "</IPDRDoc>\n" : "";
            w.write(tail);
        }
        return records;
    }

    private static String header(String format) {
        return switch (format) {
            case "generic-csv" -> SyntheticDelivery.HEADER + "\n";
            case "ipdr-docsis" -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<IPDRDoc xmlns=\"http://www.ipdr.org/namespaces/ipdr\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.5.1-A.1\">\n";
            default -> "";
        };
    }

    private static String ip(long i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    static String record(String format, long i) {
        Instant t = T0.plusSeconds(7 * i);
        return switch (format) {
            case "generic-csv" -> SyntheticDelivery.line((int) i) + "\n";
            case "zeek-conn-json" -> "{\"ts\":" + t.getEpochSecond() + "." + String.format("%06d", i % 1_000_000)
                    + ",\"uid\":\"C" + Long.toHexString(i) + "\",\"id.orig_h\":\"" + ip(i) + "\",\"id.orig_p\":"
                    + (1024 + i % 60000) + ",\"id.resp_h\":\"157.240." + (i % 256) + ".35\",\"id.resp_p\":443,"
                    + "\"proto\":\"tcp\",\"service\":\"ssl\",\"duration\":" + (i % 600) + ".25,\"orig_bytes\":"
                    + (1000 + i) + ",\"resp_bytes\":" + (5000 + i) + ",\"conn_state\":\"SF\"}\n";
            case "suricata-flow" -> "{\"timestamp\":\"" + t + "\",\"flow_id\":" + i
                    + ",\"event_type\":\"flow\",\"src_ip\":\"" + ip(i) + "\",\"src_port\":" + (1024 + i % 60000)
                    + ",\"dest_ip\":\"149.154.167." + (i % 256) + "\",\"dest_port\":443,\"proto\":\"TCP\","
                    + "\"app_proto\":\"tls\",\"flow\":{\"pkts_toserver\":10,\"pkts_toclient\":12,\"bytes_toserver\":"
                    + (1500 + i) + ",\"bytes_toclient\":" + (9000 + i) + ",\"start\":\"" + t + "\",\"end\":\""
                    + t.plusSeconds(30) + "\",\"age\":30,\"state\":\"closed\",\"reason\":\"timeout\"}}\n";
            case "cisco-asa-nat" -> "<166>" + ASA.format(t) + ": %ASA-6-305011: Built dynamic TCP translation from"
                    + " inside:" + ip(i) + "/" + (1024 + i % 60000) + " to outside:203.0.113." + (i % 256) + "/"
                    + (1024 + (i * 7) % 64000) + "\n";
            case "freeradius-detail" -> CTIME.format(t) + "\n\tAcct-Status-Type = Stop\n\tUser-Name = \"user" + i
                    + "@isp.example\"\n\tCalling-Station-Id = \"9198" + String.format("%08d", i % 100_000_000)
                    + "\"\n\tFramed-IP-Address = " + ip(i) + "\n\tAcct-Session-Id = \"" + Long.toHexString(i)
                    + "\"\n\tNAS-IP-Address = 192.0.2.10\n\tAcct-Session-Time = " + (i % 3600)
                    + "\n\tAcct-Input-Octets = " + (1000 + i) + "\n\tAcct-Output-Octets = " + (5000 + i)
                    + "\n\tEvent-Timestamp = " + t.getEpochSecond() + "\n\n";
            case "ipdr-docsis" -> "  <IPDR xsi:type=\"DOCSIS-Type\">\n    <CMmacAddress>00-00-39-"
                    + String.format("%02X-%02X-%02X", i >> 16 & 255, i >> 8 & 255, i & 255)
                    + "</CMmacAddress>\n    <CPEipAddress>" + ip(i) + "</CPEipAddress>\n    <serviceDirection>"
                    + (1 + i % 2) + "</serviceDirection>\n    <serviceOctetsPassed>" + (1000 + i)
                    + "</serviceOctetsPassed>\n    <serviceTimeCreated>" + t + "</serviceTimeCreated>\n"
                    + "    <serviceTimeActive>" + (i % 3600) + "</serviceTimeActive>\n  </IPDR>\n";
            default -> throw new IllegalArgumentException("no sample for " + format);
        };
    }
}
