package io.flowanalyzer.ingest.formats;

import java.time.Instant;
import java.util.Map;

/**
 * The IANA information elements IPFIX NAT and flow records carry (RFC 7012, RFC 8158), by number: their
 * names and how their values are written as text. Others are written by number ({@code ie233=…}, an
 * enterprise's as {@code e9.40005=…}) in hexadecimal, so nothing a record holds is lost from its line.
 */
final class IpfixElements {
    private enum Kind {
        UNSIGNED,
        IPV4,
        IPV6,
        MAC,
        STRING,
        SECONDS,
        MILLISECONDS,
        NTP // dateTimeMicroseconds and dateTimeNanoseconds: NTP seconds since 1900 and a binary fraction
    }

    private record Element(String name, Kind kind) {}

    private static final Map<Integer, Element> IANA = Map.ofEntries(
            e(1, "octetDeltaCount", Kind.UNSIGNED),
            e(2, "packetDeltaCount", Kind.UNSIGNED),
            e(4, "protocolIdentifier", Kind.UNSIGNED),
            e(5, "ipClassOfService", Kind.UNSIGNED),
            e(6, "tcpControlBits", Kind.UNSIGNED),
            e(7, "sourceTransportPort", Kind.UNSIGNED),
            e(8, "sourceIPv4Address", Kind.IPV4),
            e(10, "ingressInterface", Kind.UNSIGNED),
            e(11, "destinationTransportPort", Kind.UNSIGNED),
            e(12, "destinationIPv4Address", Kind.IPV4),
            e(14, "egressInterface", Kind.UNSIGNED),
            e(27, "sourceIPv6Address", Kind.IPV6),
            e(28, "destinationIPv6Address", Kind.IPV6),
            e(41, "exportedMessageTotalCount", Kind.UNSIGNED),
            e(42, "exportedFlowRecordTotalCount", Kind.UNSIGNED),
            e(56, "sourceMacAddress", Kind.MAC),
            e(85, "octetTotalCount", Kind.UNSIGNED),
            e(86, "packetTotalCount", Kind.UNSIGNED),
            e(136, "flowEndReason", Kind.UNSIGNED),
            e(144, "exportingProcessId", Kind.UNSIGNED),
            e(148, "flowId", Kind.UNSIGNED),
            e(149, "observationDomainId", Kind.UNSIGNED),
            e(150, "flowStartSeconds", Kind.SECONDS),
            e(151, "flowEndSeconds", Kind.SECONDS),
            e(152, "flowStartMilliseconds", Kind.MILLISECONDS),
            e(153, "flowEndMilliseconds", Kind.MILLISECONDS),
            e(154, "flowStartMicroseconds", Kind.NTP),
            e(155, "flowEndMicroseconds", Kind.NTP),
            e(156, "flowStartNanoseconds", Kind.NTP),
            e(157, "flowEndNanoseconds", Kind.NTP),
            e(225, "postNATSourceIPv4Address", Kind.IPV4),
            e(226, "postNATDestinationIPv4Address", Kind.IPV4),
            e(227, "postNAPTSourceTransportPort", Kind.UNSIGNED),
            e(228, "postNAPTDestinationTransportPort", Kind.UNSIGNED),
            e(230, "natEvent", Kind.UNSIGNED),
            e(231, "initiatorOctets", Kind.UNSIGNED),
            e(232, "responderOctets", Kind.UNSIGNED),
            e(234, "ingressVRFID", Kind.UNSIGNED),
            e(235, "egressVRFID", Kind.UNSIGNED),
            e(281, "postNATSourceIPv6Address", Kind.IPV6),
            e(282, "postNATDestinationIPv6Address", Kind.IPV6),
            e(283, "natPoolId", Kind.UNSIGNED),
            e(322, "observationTimeSeconds", Kind.SECONDS),
            e(323, "observationTimeMilliseconds", Kind.MILLISECONDS),
            e(324, "observationTimeMicroseconds", Kind.NTP),
            e(325, "observationTimeNanoseconds", Kind.NTP),
            e(361, "portRangeStart", Kind.UNSIGNED),
            e(362, "portRangeEnd", Kind.UNSIGNED),
            e(363, "portRangeStepSize", Kind.UNSIGNED),
            e(364, "portRangeNumPorts", Kind.UNSIGNED),
            e(371, "userName", Kind.STRING));

    static final int NAT_EVENT = 230;

    /** The time elements a record's time is taken from, in order of preference. */
    private static final int[] OBSERVED = {323, 322, 324, 325};

    private static final int[] STARTS = {152, 150, 154, 156};
    private static final int[] ENDS = {153, 151, 155, 157};
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    private static final long NTP_EPOCH = 2_208_988_800L;
    /** A value of an unknown element is written in full up to this many bytes. */
    private static final int MAX_HEX_BYTES = 64;

    private IpfixElements() {}

    private static Map.Entry<Integer, Element> e(int id, String name, Kind kind) {
        return Map.entry(id, new Element(name, kind));
    }

    /**
     * Writes {@code " name=value"} for the element's value at {@code b[at..at+length)}; a time element's
     * instant (epoch milliseconds) also goes into {@code times}, by element number.
     */
    static void write(
            long enterprise, int id, byte[] b, int at, int length, StringBuilder out, Map<Integer, Long> times) {
        Element element = enterprise == 0 ? IANA.get(id) : null;
        out.append(' ');
        if (element == null) {
            out.append(enterprise == 0 ? "ie" + id : "e" + enterprise + "." + id)
                    .append('=');
            hex(b, at, length, out);
            return;
        }
        out.append(element.name()).append('=');
        switch (element.kind()) {
            case UNSIGNED -> {
                if (length <= 8) {
                    out.append(Long.toUnsignedString(unsigned(b, at, length)));
                } else {
                    hex(b, at, length, out);
                }
            }
            case IPV4 -> {
                if (length == 4) {
                    out.append(b[at] & 0xff)
                            .append('.')
                            .append(b[at + 1] & 0xff)
                            .append('.');
                    out.append(b[at + 2] & 0xff).append('.').append(b[at + 3] & 0xff);
                } else {
                    hex(b, at, length, out);
                }
            }
            case IPV6 -> {
                if (length == 16) {
                    try {
                        out.append(java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, at, at + 16))
                                .getHostAddress());
                    } catch (java.net.UnknownHostException impossible) {
                        hex(b, at, length, out); // sixteen bytes are always an address
                    }
                } else {
                    hex(b, at, length, out);
                }
            }
            case MAC -> {
                for (int i = 0; i < length; i++) {
                    if (i > 0) {
                        out.append(':');
                    }
                    out.append(Character.forDigit((b[at + i] >> 4) & 0xf, 16))
                            .append(Character.forDigit(b[at + i] & 0xf, 16));
                }
            }
            case STRING -> {
                String s = new String(b, at, length, java.nio.charset.StandardCharsets.UTF_8);
                out.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else {
                        out.append(Character.isISOControl(c) ? ' ' : c);
                    }
                }
                out.append('"');
            }
            case SECONDS, MILLISECONDS, NTP -> {
                Long millis = millis(element.kind(), b, at, length);
                if (millis == null) {
                    hex(b, at, length, out);
                } else {
                    times.put(id, millis);
                    out.append(Instant.ofEpochMilli(millis));
                }
            }
        }
    }

    /** The record's own time: observed, else its flow's start, else its end; null when it has none. */
    static Long recordTime(Map<Integer, Long> times) {
        for (int[] ids : new int[][] {OBSERVED, STARTS, ENDS}) {
            Long t = first(times, ids);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** {@code " flowStart=… flowEnd=…"} from whichever resolution the exporter wrote them in. */
    static void flowTimes(Map<Integer, Long> times, StringBuilder out) {
        Long start = first(times, STARTS);
        Long end = first(times, ENDS);
        if (start != null) {
            out.append(" flowStart=").append(Instant.ofEpochMilli(start));
        }
        if (end != null) {
            out.append(" flowEnd=").append(Instant.ofEpochMilli(end));
        }
    }

    private static Long first(Map<Integer, Long> times, int[] ids) {
        for (int id : ids) {
            Long t = times.get(id);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Long millis(Kind kind, byte[] b, int at, int length) {
        return switch (kind) {
            case SECONDS -> length == 4 ? unsigned(b, at, 4) * 1000 : null;
            case MILLISECONDS -> length == 8 ? unsigned(b, at, 8) : null;
            case NTP -> {
                if (length != 8) {
                    yield null;
                }
                long seconds = unsigned(b, at, 4) - NTP_EPOCH;
                long fraction = unsigned(b, at + 4, 4);
                yield seconds * 1000 + (fraction * 1000 >>> 32);
            }
            default -> null;
        };
    }

    private static long unsigned(byte[] b, int at, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void hex(byte[] b, int at, int length, StringBuilder out) {
        out.append("0x");
        int shown = Math.min(length, MAX_HEX_BYTES);
        for (int i = 0; i < shown; i++) {
            out.append(Character.forDigit((b[at + i] >> 4) & 0xf, 16)).append(Character.forDigit(b[at + i] & 0xf, 16));
        }
        if (shown < length) {
            out.append("...");
        }
    }
}
