package io.flowanalyzer.ingest.formats.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile that does not hold together is refused with every problem named, so an operator can fix it. */
class FormatProfilesTest {

    @Test
    void everyShippedProfileHoldsTogether() {
        FormatProfiles profiles = FormatProfiles.builtIn();
        assertThat(profiles.names()).containsExactlyElementsOf(FormatProfiles.BUILT_IN);
        profiles.all().forEach(p -> assertThat(p.problems()).as(p.name()).isEmpty());
    }

    @Test
    void aBrokenSyslogProfileIsRefusedWithEachProblem() {
        String yaml =
                """
                name: acme-nat
                version: "1"
                kind: syslog
                detect: 'ACME_NAT'
                time_pattern: '^(?<stamp>\\S+)'
                messages:
                  - code: A1
                    match: 'ACME_NAT (?<privateIp>\\S+) (?<pubIp>\\S+'
                    binding: tunnel
                    action: begin
                """;
        assertThatThrownBy(() -> FormatProfiles.parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time_pattern must have a group named time")
                .hasMessageContaining(
                        "message A1 match 'ACME_NAT (?<privateIp>\\S+) (?<pubIp>\\S+' is not a regular" + " expression")
                .hasMessageContaining("message A1: binding must be translation or port_block")
                .hasMessageContaining("message A1: action must be start, end or interim")
                .hasMessageContaining("message A1: unknown value 'pubIp'");
    }

    @Test
    void anOperatorsProfileInTheDataDirectoryIsReadAlongsideTheShippedOnes(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("acme-nat.yaml"),
                """
                name: acme-nat
                version: "2"
                kind: syslog
                detect: 'ACME_NAT'
                time_pattern: '^(?<time>\\S+)'
                messages:
                  - code: A1
                    match: 'ACME_NAT (?<privateIp>\\S+) -> (?<publicIp>\\S+):(?<publicPort>\\d+)'
                    binding: translation
                    action: start
                """);
        FormatProfile profile = FormatProfiles.load(dir).find("acme-nat").orElseThrow();
        assertThat(profile.tag()).isEqualTo("acme-nat@2");
        assertThat(profile.messages().get(0).groups()).containsExactly("privateIp", "publicIp", "publicPort");
    }
}
