package io.flowanalyzer.model.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How binding events become the intervals attribution trusts: paired, merged, and honest about gaps. */
class BindingIntervalsTest {
    private static final Duration LIMIT = Duration.ofHours(24);
    private static final BindingEvent.Subscriber NOBODY = new BindingEvent.Subscriber(null, null, null, null, null);

    private static Instant t(String hhmmss) {
        return Instant.parse("2026-11-24T" + hhmmss + "Z");
    }

    private static BindingEvent block(String id, String action, String at, String start, String end, String privateIp) {
        return new BindingEvent(
                id,
                "acme",
                "port_block",
                action,
                t(at),
                start == null ? null : t(start),
                end == null ? null : t(end),
                privateIp,
                null,
                "203.0.113.77",
                null,
                10240,
                10367,
                null,
                NOBODY,
                null);
    }

    private static BindingEvent translation(String id, String action, String at, String start, String end) {
        return new BindingEvent(
                id,
                "acme",
                "translation",
                action,
                t(at),
                start == null ? null : t(start),
                end == null ? null : t(end),
                "100.64.12.7",
                40001,
                "203.0.113.77",
                10241,
                null,
                null,
                null,
                NOBODY,
                null);
    }

    private static List<BindingIntervals.Interval> intervals(BindingEvent... events) {
        return BindingIntervals.of(new ArrayList<>(List.of(events)), LIMIT);
    }

    @Test
    void aPortBlockAllocatedReportedAndReleasedIsOneIntervalWithAllItsEvidence() {
        List<BindingIntervals.Interval> i = intervals(
                block("alloc", "start", "04:28:10", "04:28:10", null, "100.64.12.7"),
                block("active", "interim", "04:58:10", "04:28:10", null, "100.64.12.7"),
                block("release", "end", "05:32:45", "04:28:10", "05:32:45", "100.64.12.7"));
        assertThat(i).singleElement().satisfies(x -> {
            assertThat(x.start()).isEqualTo(t("04:28:10"));
            assertThat(x.end()).isEqualTo(t("05:32:45"));
            assertThat(x.startKnown()).isTrue();
            assertThat(x.endKnown()).isTrue();
            assertThat(x.evidence()).containsExactlyInAnyOrder("alloc", "active", "release");
        });
    }

    @Test
    void aStartIsClosedByTheNextEndOfTheSameBindingEvenWhenTheEndDoesNotKnowItsStart() {
        assertThat(intervals(
                        translation("open", "start", "04:28:11", "04:28:11", null),
                        translation("close", "end", "05:00:00", null, "05:00:00")))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.start()).isEqualTo(t("04:28:11"));
                    assertThat(x.end()).isEqualTo(t("05:00:00"));
                    assertThat(x.evidence()).containsExactly("open", "close");
                });
    }

    @Test
    void gapsInTheEvidenceAreBoundedAndSaidNotHidden() {
        // never ended: open for the limit, or until the same binding starts again
        List<BindingIntervals.Interval> reused = intervals(
                translation("a", "start", "01:00:00", "01:00:00", null),
                translation("b", "start", "03:00:00", "03:00:00", null));
        assertThat(reused).hasSize(2);
        assertThat(reused.get(0).end()).isEqualTo(t("03:00:00"));
        assertThat(reused.get(0).endKnown()).isFalse();
        assertThat(reused.get(1).end()).isEqualTo(t("03:00:00").plus(LIMIT));

        // never seen to start: at most the limit before its end
        assertThat(intervals(translation("z", "end", "05:00:00", null, "05:00:00")))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.startKnown()).isFalse();
                    assertThat(x.start()).isEqualTo(t("05:00:00").minus(LIMIT));
                });
    }

    @Test
    void differentBindingsStayApartAndCoverageAllowsTheClockSkew() {
        List<BindingIntervals.Interval> i = intervals(
                block("x1", "end", "05:00:00", "04:00:00", "05:00:00", "100.64.12.7"),
                block("y1", "end", "05:00:00", "04:00:00", "05:00:00", "100.64.12.8"));
        assertThat(i).hasSize(2);
        BindingIntervals.Interval x = i.get(0);
        assertThat(x.covers(t("05:00:04"), Duration.ofSeconds(5))).isTrue();
        assertThat(x.covers(t("05:00:06"), Duration.ofSeconds(5))).isFalse();
        assertThat(x.covers(t("03:59:56"), Duration.ofSeconds(5))).isTrue();
        assertThat(x.covers(t("03:59:54"), Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void aRadiusSessionNamesItsSubscriberFromAllItsRecordsAndPeopleAreCountedByAnySharedIdentifier() {
        BindingEvent start = new BindingEvent(
                "s",
                "acme",
                "radius",
                "start",
                t("10:00:00"),
                t("10:00:00"),
                null,
                "100.64.12.7",
                null,
                null,
                null,
                null,
                null,
                "5F3A0001",
                new BindingEvent.Subscriber("u1@isp", "919876543210", "404450000012345", null, null),
                null);
        BindingEvent stop = new BindingEvent(
                "e",
                "acme",
                "radius",
                "end",
                t("11:00:00"),
                t("10:00:00"),
                t("11:00:00"),
                "100.64.12.7",
                null,
                null,
                null,
                null,
                null,
                "5F3A0001",
                new BindingEvent.Subscriber("u1@isp", "919876543210", null, "356938035643809", null),
                null);
        BindingIntervals.Interval session = intervals(start, stop).get(0);
        assertThat(session.subscriber())
                .isEqualTo(new BindingEvent.Subscriber(
                        "u1@isp", "919876543210", "404450000012345", "356938035643809", null));
    }

    @Test
    void aDeliveredBindingRecordReadsAsItsEvent() {
        io.flowanalyzer.model.NatBinding record = new io.flowanalyzer.model.NatBinding(
                t("05:32:45"),
                new io.flowanalyzer.model.NatBinding.Event(
                        "rel",
                        "end",
                        t("04:28:10"),
                        t("05:32:45"),
                        null,
                        "JSERVICES_NAT_PORT_BLOCK_RELEASE",
                        "juniper-cgnat",
                        "raw"),
                new io.flowanalyzer.model.SessionRecord.Source(
                        "100.64.12.7", null, new io.flowanalyzer.model.SessionRecord.Nat("203.0.113.77", null), null),
                null,
                null,
                new io.flowanalyzer.model.NatBinding.Ipdr(
                        null,
                        "acme",
                        "inbox",
                        "juniper-cgnat@1",
                        null,
                        new io.flowanalyzer.model.NatBinding.Binding("port_block", 10240, 10367, null, null, null)),
                null,
                null);
        assertThat(BindingEvent.of(record))
                .isEqualTo(block("rel", "end", "05:32:45", "04:28:10", "05:32:45", "100.64.12.7"));
    }
}
