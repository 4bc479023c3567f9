package io.flowanalyzer.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.model.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixTableTest {
    private static final Instant T2024 = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant T2026 = Instant.parse("2026-06-01T00:00:00Z");

    private static PrefixTable.Entry<String> entry(String cidr, String value) {
        return new PrefixTable.Entry<>(Cidr.parse(cidr), value, null, null);
    }

    private static List<String> values(List<PrefixTable.Entry<String>> entries) {
        return entries.stream().map(PrefixTable.Entry::value).toList();
    }

    @Test
    void theMostSpecificBlockWins() {
        PrefixTable<String> t = PrefixTable.of(List.of(
                entry("157.240.0.0/16", "Facebook"),
                entry("157.240.1.0/24", "WhatsApp"),
                entry("157.240.1.35", "one host"),
                entry("0.0.0.0/0", "the Internet")));
        assertThat(values(t.longest(IpAddresses.bits("157.240.1.35"), T2024))).containsExactly("one host");
        assertThat(values(t.longest(IpAddresses.bits("157.240.1.36"), T2024))).containsExactly("WhatsApp");
        assertThat(values(t.longest(IpAddresses.bits("157.240.200.1"), T2024))).containsExactly("Facebook");
        assertThat(values(t.longest(IpAddresses.bits("8.8.8.8"), T2024))).containsExactly("the Internet");
        assertThat(values(t.all(IpAddresses.bits("157.240.1.35"), T2024)))
                .containsExactly("one host", "WhatsApp", "Facebook", "the Internet");
    }

    @Test
    void ipv4AndIpv6BlocksNeverMatchEachOther() {
        PrefixTable<String> t = PrefixTable.of(List.of(entry("::/0", "all IPv6"), entry("2a03:2880::/32", "Meta")));
        assertThat(t.longest(IpAddresses.bits("10.0.0.1"), T2024)).isEmpty();
        assertThat(values(t.longest(IpAddresses.bits("2a03:2880:f12f:83:face:b00c:0:25de"), T2024)))
                .containsExactly("Meta");
        assertThat(values(t.longest(IpAddresses.bits("2a03:2881::1"), T2024))).containsExactly("all IPv6");
        PrefixTable<String> v4 = PrefixTable.of(List.of(entry("0.0.0.0/0", "all IPv4")));
        assertThat(v4.longest(IpAddresses.bits("::1"), T2024)).isEmpty();
        assertThat(values(v4.longest(IpAddresses.bits("::ffff:10.0.0.1"), T2024)))
                .containsExactly("all IPv4");
    }

    @Test
    void onlyEntriesValidAtTheSessionsTimeCount() {
        PrefixTable<String> t = PrefixTable.of(List.of(
                new PrefixTable.Entry<>(
                        Cidr.parse("203.0.113.0/24"), "OldChat", null, Instant.parse("2025-01-01T00:00:00Z")),
                new PrefixTable.Entry<>(
                        Cidr.parse("203.0.113.0/24"), "NewChat", Instant.parse("2025-01-01T00:00:00Z"), null),
                new PrefixTable.Entry<>(
                        Cidr.parse("203.0.113.128/25"), "Retired", null, Instant.parse("2024-01-01T00:00:00Z"))));
        IpAddresses.Bits ip = IpAddresses.bits("203.0.113.200");
        // the /25 expired before 2024, so the /24 valid at the time answers
        assertThat(values(t.longest(ip, T2024))).containsExactly("OldChat");
        assertThat(values(t.longest(ip, T2026))).containsExactly("NewChat");
        // validity is half-open: the end instant belongs to the next period
        assertThat(values(t.longest(ip, Instant.parse("2025-01-01T00:00:00Z")))).containsExactly("NewChat");
        assertThat(values(t.longest(ip, Instant.parse("2023-12-31T23:59:59Z")))).containsExactly("Retired");
    }

    @Test
    void hundredsOfThousandsOfBlocksAnswerExactly() {
        List<PrefixTable.Entry<String>> entries = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) { // /24s spread over 1.0.0.0–5.x, plus /16s above every 7th
            long base = 0x0100_0000L + ((long) i << 8);
            entries.add(
                    new PrefixTable.Entry<>(new Cidr(new IpAddresses.Bits(false, 0, base), 24), "n" + i, null, null));
        }
        for (int i = 0; i < 300_000 >> 8; i += 7) {
            long base = 0x0100_0000L + ((long) i << 16);
            entries.add(
                    new PrefixTable.Entry<>(new Cidr(new IpAddresses.Bits(false, 0, base), 16), "w" + i, null, null));
        }
        PrefixTable<String> t = PrefixTable.of(entries);
        assertThat(t.size()).isEqualTo(300_000 + 168);
        assertThat(values(t.longest(IpAddresses.bits("1.0.5.9"), T2024))).containsExactly("n5");
        assertThat(values(t.all(IpAddresses.bits("1.0.5.9"), T2024))).containsExactly("n5", "w0");
        assertThat(values(t.longest(IpAddresses.bits("5.147.223.255"), T2024))).containsExactly("n299999");
        assertThat(t.longest(IpAddresses.bits("5.147.224.0"), T2024)).isEmpty();
    }

    @Test
    void cidrsAreReadLeniently() {
        assertThat(Cidr.parse("203.0.113.7/24").toString()).isEqualTo("203.0.113.0/24");
        assertThat(Cidr.parse(" 10.0.0.1 ").toString()).isEqualTo("10.0.0.1/32");
        assertThat(Cidr.parse("2A03:2880:F000::/36").toString()).isEqualTo("2a03:2880:f000::/36");
        assertThat(Cidr.parse("::ffff:192.0.2.0/120").toString()).isEqualTo("192.0.2.0/24");
        assertThat(Cidr.parse("10.0.0.0/33")).isNull();
        assertThat(Cidr.parse("10.0.0.0/")).isNull();
        assertThat(Cidr.parse("10.0.0.0/-1")).isNull();
        assertThat(Cidr.parse("evil.example/8")).isNull();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddresses.bits("255.255.255.255")))
                .isTrue();
    }
}
