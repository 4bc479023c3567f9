package io.flowanalyzer.ingest.formats;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IPFIX (RFC 7011) messages one after another, as collectors store them in files (RFC 5655): each data
 * record becomes one line of {@code key=value} text named by its information elements — RFC 8158's NAT
 * elements among them — which an {@code ipfix} profile reads as it reads structured syslog. A line starts
 * with the record's time ({@code time=}: its observation time, else its flow start, else its flow end, else
 * its message's export time) and says where it came from ({@code domain=}, {@code template=}) and, first,
 * its {@code natEvent}; addresses
 * are written as text, times as ISO-8601 UTC, and {@code flowStart}/{@code flowEnd} give the flow's times
 * from whichever of the seconds/milliseconds/microseconds/nanoseconds elements the exporter used.
 *
 * <p>Templates are kept per observation domain as they arrive, withdrawn when withdrawn. A data set whose
 * template the file has not defined before it cannot be read: it becomes one line saying so (a reject, not
 * a silent gap). Options records (exporter metadata) are lines too, marked {@code options}. A message that
 * is not IPFIX or is cut short ends the reading: the records before it stay.
 */
public final class IpfixRecords implements LineSource {
    private static final int HEADER = 16;
    /** Observation domains a file may hold templates for; more is not a collector's file. */
    private static final int MAX_DOMAINS = 4096;
    /** Templates a file may hold at once, over all its domains; more is not a collector's file either. */
    private static final int MAX_TEMPLATES = 65_536;

    private final InputStream in;
    private final Map<Long, Map<Integer, Template>> templates = new HashMap<>();
    private final ArrayDeque<DeliveryLines.Line> pending = new ArrayDeque<>();
    private long offset;
    private long records;
    private long messages;
    private int templateCount;

    private record Field(int id, long enterprise, int length) {
        boolean isNatEvent() {
            return id == IpfixElements.NAT_EVENT && enterprise == 0;
        }
    }

    private record Template(int id, List<Field> fields, boolean options) {}

    public IpfixRecords(InputStream in) {
        this.in = in;
    }

    /** Whether a file's first bytes are an IPFIX message header followed by a set header. */
    public static boolean looksLikeOne(byte[] head, int n) {
        if (n < HEADER + 4) {
            return false;
        }
        int length = u16(head, 2);
        int set = u16(head, HEADER);
        int setLength = u16(head, HEADER + 2);
        return u16(head, 0) == 10
                && length >= HEADER + 4
                && (set == 2 || set == 3 || set >= 256)
                && setLength >= 4
                && setLength <= length - HEADER;
    }

    @Override
    public DeliveryLines.Line next() throws IOException {
        while (pending.isEmpty()) {
            if (!message()) {
                return null;
            }
        }
        return pending.poll();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads the next message into lines; false at the end of the file. */
    private boolean message() throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length == 0) {
            return false;
        }
        messages++;
        long at = offset;
        if (header.length < HEADER) {
            throw new IOException(
                    "the IPFIX file ends inside the header of message " + messages + " (a truncated file)");
        }
        int version = u16(header, 0);
        int length = u16(header, 2);
        if (version != 10) {
            throw new IOException(
                    "message " + messages + " (byte " + at + ") is not IPFIX: its version is " + version + ", not 10");
        }
        if (length < HEADER) {
            throw new IOException("message " + messages + " (byte " + at + ") claims a length of " + length
                    + " bytes, less than its own header");
        }
        byte[] body = in.readNBytes(length - HEADER);
        offset += HEADER + body.length;
        if (body.length < length - HEADER) {
            throw new IOException("the IPFIX file ends inside message " + messages + " (a truncated file)");
        }
        long exportTime = u32(header, 4);
        long domain = u32(header, 12);
        int pos = 0;
        while (pos + 4 <= body.length) {
            int set = u16(body, pos);
            int setLength = u16(body, pos + 2);
            if (setLength < 4 || pos + setLength > body.length) {
                throw new IOException("message " + messages + " (byte " + at + ") holds a set of " + setLength
                        + " bytes that does not fit in it");
            }
            if (set == 2 || set == 3) {
                templates(domain, body, pos + 4, pos + setLength, set == 3);
            } else if (set >= 256) {
                data(domain, exportTime, set, body, pos + 4, pos + setLength, at + HEADER);
            } // sets 0, 1 and 4-255 are reserved: nothing in them to read
            pos += setLength;
        }
        return true;
    }

    private void templates(long domain, byte[] b, int pos, int end, boolean options) throws IOException {
        Map<Integer, Template> known = templates.get(domain);
        if (known == null) {
            if (templates.size() >= MAX_DOMAINS) {
                throw new IOException(
                        "the IPFIX file defines templates for more than " + MAX_DOMAINS + " observation domains");
            }
            known = new HashMap<>();
            templates.put(domain, known);
        }
        while (pos + 4 <= end) {
            int id = u16(b, pos);
            int count = u16(b, pos + 2);
            pos += options && count > 0 ? 6 : 4; // an options template names its scope fields' count too
            if (count == 0) {
                if (id == 2 || id == 3) {
                    templateCount -= known.size();
                    known.clear(); // every template of the domain withdrawn
                } else if (known.remove(id) != null) {
                    templateCount--;
                }
                continue;
            }
            if (id < 256) {
                throw new IOException(
                        "message " + messages + " defines template " + id + ", below 256 where templates start");
            }
            List<Field> fields = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (pos + 4 > end) {
                    throw new IOException("message " + messages + " cuts template " + id + " short");
                }
                int element = u16(b, pos);
                int length = u16(b, pos + 2);
                pos += 4;
                long enterprise = 0;
                if ((element & 0x8000) != 0) {
                    if (pos + 4 > end) {
                        throw new IOException("message " + messages + " cuts template " + id + " short");
                    }
                    enterprise = u32(b, pos);
                    pos += 4;
                    element &= 0x7fff;
                }
                fields.add(new Field(element, enterprise, length));
            }
            if (known.put(id, new Template(id, List.copyOf(fields), options)) == null
                    && ++templateCount > MAX_TEMPLATES) {
                throw new IOException("the IPFIX file defines more than " + MAX_TEMPLATES + " templates");
            }
        }
    }

    /** The records of a data set; {@code bodyAt}: where the message's body starts in the file. */
    private void data(long domain, long exportTime, int set, byte[] b, int pos, int end, long bodyAt) {
        Template template = templates.getOrDefault(domain, Map.of()).get(set);
        if (template == null) {
            // the reason first, where a reject's abbreviated text shows it
            add(
                    bodyAt + pos - 4,
                    "time=" + Instant.ofEpochSecond(exportTime) + " ipfix: template " + set
                            + " is not defined before its data set (" + (end - pos) + " bytes, domain " + domain
                            + ")");
            return;
        }
        while (pos < end) {
            int start = pos;
            StringBuilder values = new StringBuilder(256);
            StringBuilder event = new StringBuilder(16);
            Map<Integer, Long> times = new HashMap<>();
            boolean complete = true;
            for (Field f : template.fields()) {
                int length = f.length();
                if (length == 0xffff) { // variable length: one byte, or 255 and two more
                    if (pos >= end) {
                        complete = false;
                        break;
                    }
                    length = b[pos++] & 0xff;
                    if (length == 255) {
                        if (pos + 2 > end) {
                            complete = false;
                            break;
                        }
                        length = u16(b, pos);
                        pos += 2;
                    }
                }
                if (pos + length > end) {
                    complete = false;
                    break;
                }
                // the event first, where a reject's abbreviated text shows it
                IpfixElements.write(f.enterprise(), f.id(), b, pos, length, f.isNatEvent() ? event : values, times);
                pos += length;
            }
            if (!complete || pos == start) {
                return; // what is left is padding (shorter than a record)
            }
            Long at = IpfixElements.recordTime(times);
            StringBuilder line = new StringBuilder(values.length() + 64)
                    .append("time=")
                    .append(at != null ? Instant.ofEpochMilli(at) : Instant.ofEpochSecond(exportTime))
                    .append(" ipfix domain=")
                    .append(domain)
                    .append(template.options() ? " options-template=" : " template=")
                    .append(template.id())
                    .append(event);
            IpfixElements.flowTimes(times, line);
            add(bodyAt + start, line.append(values).toString());
        }
    }

    private void add(long at, String text) {
        pending.add(new DeliveryLines.Line(++records, at, text, false));
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
