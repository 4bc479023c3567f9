package io.flowanalyzer.ingest.formats;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.flowanalyzer.ingest.formats.profile.FormatProfile;
import io.flowanalyzer.ingest.formats.profile.HeaderNames;
import io.flowanalyzer.model.DeliveryRef;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Reads XML deliveries with an {@code xml} profile — the IPDR/SP IPDRDoc of TM Forum / IPDR.org and
 * the like — with a non-blocking StAX parser fed line by line, so a document of any size streams
 * through. Each {@code record_element} (of the profile's {@code record_type}, from {@code xsi:type}) is
 * one record; the text of the elements inside it, by local name at any depth, fills the profile's
 * columns and goes through the same checks as delimited cells. Where names repeat in blocks (NDM-U 2.5's
 * SC, SE, UE), a column may name the block too ({@code UE/startTime}); an attribute counts as a child
 * element of that name ({@code <UE startTime="…">} is {@code UE/startTime} too). Names compare as header
 * cells do, without case ({@code IPDRcreationTime} is {@code IPDRCreationTime}); the first value of a name
 * wins. A column may name a value on a condition ({@code serviceOctetsPassed[serviceDirection=2]}). A document type declaration is refused
 * (no DTD, no entities: nothing in a delivery can make the parser read other files), and a document
 * that stops being well-formed stops the reading there: the records before stay, the delivery is
 * quarantined with the reason — as is one whose trailer ({@code <IPDRDoc.End count="N">}) counts other
 * records than it holds (its records stay too).
 */
public final class XmlReader implements RecordReader {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** The text one record may hold; a larger one is refused rather than held. */
    static final int MAX_RECORD_CHARS = 1 << 20;
    /** How many distinct element and attribute names are remembered normalised. */
    private static final int MAX_NAMES = 4096;

    private final FormatProfile profile;
    private final List<String> paths;
    private final DelimitedProfile cells;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> xml;
    private final Map<String, String> fields = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();
    /** The local names of the elements open inside the record, the record's own first. */
    private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();

    private DeliveryLines.Line line;
    private DeliveryLines.Line recordStart;
    private String recordType;
    private int depth;
    private boolean ended;
    private boolean rootSeen;
    /** Records of the profile's element seen so far, and how many the document's trailer says it holds. */
    private long records;

    private String trailerCount;

    private static final String DOCTYPE_REFUSED = "the XML declares a document type (DOCTYPE); deliveries with a"
            + " DTD are refused, since its entities could make a parser read other files or expand without bound";

    private XmlReader(FormatProfile profile, List<String> paths, DelimitedProfile cells) {
        this.profile = profile;
        this.paths = paths;
        this.cells = cells;
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        this.xml = factory.createAsyncForByteArray();
    }

    public static XmlReader of(FormatProfile profile, DeliveryRef delivery, ZoneId zone) throws UnreadableDelivery {
        return new XmlReader(
                profile, DelimitedProfile.pathsOf(profile), DelimitedProfile.forPaths(profile, delivery, zone));
    }

    @Override
    public FormatProfile profile() {
        return profile;
    }

    @Override
    public void read(DeliveryLines.Line line, Results out) {
        this.line = line;
        if (depth > 0 && raw.length() < MAX_RECORD_CHARS) {
            raw.append(line.text()).append('\n');
        }
        if (!rootSeen && line.text().contains("<!DOCTYPE")) {
            // said plainly here: the parser, with DTDs off, would only stumble over the internal subset
            throw new BrokenDelivery(DOCTYPE_REFUSED);
        }
        byte[] bytes = (line.text() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            xml.getInputFeeder().feedInput(bytes, 0, bytes.length);
            drain(out);
        } catch (XMLStreamException e) {
            throw broken(e);
        }
    }

    @Override
    public void finish(Results out) {
        try {
            xml.getInputFeeder().endOfInput();
            drain(out);
        } catch (XMLStreamException e) {
            throw broken(e);
        }
        if (!ended) {
            throw new BrokenDelivery("the XML document ends before its root element is closed (a truncated file)");
        }
        if (trailerCount != null && !trailerCount.replaceFirst("^0+(?=\\d)", "").equals(Long.toString(records))) {
            // the writer's own count of what it wrote: a difference means records were lost or added on the way
            throw new BrokenDelivery("the document's trailer (IPDRDoc.End) counts "
                    + FieldValues.abbreviate(trailerCount, 20) + " records, but it holds " + records
                    + "; the records it holds were read");
        }
    }

    private BrokenDelivery broken(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = message.indexOf("\n at [");
        return new BrokenDelivery("the XML is not well-formed at line " + line.number() + ": "
                + (at > 0 ? message.substring(0, at) : message).strip() + "; the records before that point were read");
    }

    private void drain(Results out) throws XMLStreamException {
        int event;
        while (!ended && (event = xml.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.DTD -> throw new BrokenDelivery(DOCTYPE_REFUSED);
                case XMLStreamConstants.START_ELEMENT -> start();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth > 0 && text.length() < MAX_RECORD_CHARS) {
                        text.append(xml.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> end(out);
                case XMLStreamConstants.END_DOCUMENT -> ended = true;
                default -> {
                    // comments, processing instructions, the prolog: nothing to keep
                }
            }
        }
    }

    private void start() {
        String name = xml.getLocalName();
        rootSeen = true;
        if (depth == 0) {
            if (name.equals("IPDRDoc.End")) {
                trailerCount = xml.getAttributeValue(null, "count");
                trailerCount = trailerCount == null ? null : trailerCount.strip();
            }
            if (name.equals(profile.recordElement())) {
                records++;
                depth = 1;
                recordStart = line;
                fields.clear();
                raw.setLength(0);
                raw.append(line.text()).append('\n');
                String type = xml.getAttributeValue(XSI, "type");
                recordType = type == null ? null : type.strip().replaceFirst("^[\\w.-]+:", "");
                open.clear();
                open.push(name);
                attributes(name);
            }
            return;
        }
        depth++;
        open.push(name);
        attributes(name);
        text.setLength(0);
    }

    /** An element's attributes as fields, as if they were its first children; the schema's own left out. */
    private void attributes(String element) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String namespace = xml.getAttributeNamespace(i);
            if (XSI.equals(namespace)) {
                continue;
            }
            String value = xml.getAttributeValue(i).strip();
            if (!value.isEmpty()) {
                field(element, xml.getAttributeLocalName(i), value);
            }
        }
    }

    /** A value under its own name and under its parent's: {@code startTime} and {@code UE/startTime}. */
    private void field(String parent, String name, String value) {
        if (fields.size() >= MAX_NAMES) {
            return; // a record of thousands of values is no IPDR: what it holds past that is not kept
        }
        fields.putIfAbsent(key(name), value);
        if (parent != null) {
            fields.putIfAbsent(key(parent + "/" + name), value);
        }
    }

    /**
     * Names as header cells compare (the same few names recur in every record: normalised once each; a
     * document inventing names without end is not remembered past a bound).
     */
    private String key(String name) {
        String known = keys.get(name);
        if (known != null) {
            return known;
        }
        String normalised = HeaderNames.normalise(name);
        if (keys.size() < MAX_NAMES) {
            keys.put(name, normalised);
        }
        return normalised;
    }

    private void end(Results out) {
        if (depth == 0) {
            return;
        }
        if (depth == 1) {
            depth = 0;
            complete(out);
            return;
        }
        String value = text.toString().strip();
        String name = open.pop();
        if (!value.isEmpty()) {
            field(open.peek(), name, value);
        }
        text.setLength(0);
        depth--;
    }

    private void complete(Results out) {
        DeliveryLines.Line unit = new DeliveryLines.Line(
                recordStart.number(), recordStart.offset(), raw.toString().strip(), false);
        String wanted = profile.recordType();
        if (wanted != null && !wanted.equals(recordType)) {
            out.add(
                    unit,
                    LineResult.refused("an " + profile.recordElement() + " record of type "
                            + (recordType == null ? "(none)" : "'" + FieldValues.abbreviate(recordType, 40) + "'")
                            + ", not " + wanted));
            return;
        }
        List<String> values = new ArrayList<>(paths.size());
        for (String path : paths) {
            values.add(valueAt(path));
        }
        out.add(unit, cells.read(new DeliveryLines.Line(unit.number(), unit.offset(), unit.text(), false, values)));
    }

    /** A field's text; {@code name[other=value]} is the field only when the other field has that value. */
    private String valueAt(String path) {
        int bracket = path.indexOf('[');
        if (bracket > 0 && path.endsWith("]")) {
            String[] condition = path.substring(bracket + 1, path.length() - 1).split("=", 2);
            if (condition.length != 2 || !condition[1].equals(fields.get(key(condition[0])))) {
                return "";
            }
            path = path.substring(0, bracket);
        }
        return fields.getOrDefault(key(path), "");
    }
}
