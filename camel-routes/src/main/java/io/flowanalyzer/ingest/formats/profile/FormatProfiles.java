package io.flowanalyzer.ingest.formats.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format profiles the ingest layer knows: the ones shipped in {@code profiles/} and any YAML
 * files an operator puts in the profiles folder of the data directory (a same-named one replaces
 * the shipped one). A profile file that does not hold together is refused at start, loudly.
 */
public final class FormatProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(FormatProfiles.class);
    /** Shipped profiles, in the order detection prefers them on a tie. */
    public static final List<String> BUILT_IN = List.of(
            "generic-csv",
            "in-dot-ipdr",
            "in-underscore-ipdr",
            "zeek-conn",
            "nfdump-csv",
            "generic-json",
            "zeek-conn-json",
            "suricata-flow",
            "ipdr-docsis",
            "ipdr-voip",
            "ipdr-ndmu",
            "cisco-asa-nat",
            "juniper-cgnat",
            "juniper-srx-nat",
            "fortigate-nat",
            "h3c-userlog-nat",
            "h3c-comware-nat",
            "linux-conntrack",
            "ipfix-nat",
            "freeradius-detail",
            "radacct-csv",
            "in-ip-lookup");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, FormatProfile> byName;

    private FormatProfiles(Map<String, FormatProfile> byName) {
        this.byName = byName;
    }

    public static FormatProfiles builtIn() {
        return load(null);
    }

    /** The shipped profiles plus those in {@code directory} (may be null or missing). */
    public static FormatProfiles load(Path directory) {
        Map<String, FormatProfile> profiles = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            try (InputStream in = FormatProfiles.class.getResourceAsStream("/profiles/" + name + ".yaml")) {
                if (in == null) {
                    throw new IllegalStateException("shipped profile missing from the build: " + name);
                }
                add(profiles, YAML.readValue(in, FormatProfile.class), "shipped " + name + ".yaml");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped profile " + name, e);
            }
        }
        if (directory != null && Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
                for (Path file : files) {
                    add(profiles, YAML.readValue(file.toFile(), FormatProfile.class), file.toString());
                    LOG.info("Format profile loaded from {}", file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the format profiles in " + directory, e);
            }
        }
        return new FormatProfiles(profiles);
    }

    /** Reads one profile from YAML (for tests and tools). */
    public static FormatProfile parse(String yaml) {
        try {
            FormatProfile profile = YAML.readValue(yaml, FormatProfile.class);
            List<String> problems = profile.problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "the profile does not hold together: " + String.join("; ", problems));
            }
            return profile;
        } catch (IOException e) {
            throw new IllegalArgumentException("the profile is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void add(Map<String, FormatProfile> profiles, FormatProfile profile, String source) {
        List<String> problems = profile.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "format profile " + source + " does not hold together: " + String.join("; ", problems));
        }
        profiles.put(profile.name(), profile);
    }

    public Optional<FormatProfile> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<FormatProfile> all() {
        return new ArrayList<>(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
