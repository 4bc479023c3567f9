package io.flowanalyzer.portal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseFileTest {
    private static CaseFile file(CaseFile.Status status) {
        return new CaseFile(
                CaseFile.TYPE,
                "FIR-0412-2026",
                "Extortion calls",
                new CaseFile.Authority(
                        "Warrant",
                        "W-114/2026",
                        "Chief Judicial Magistrate, Pune",
                        "identify the caller",
                        LocalDate.parse("2026-11-01"),
                        LocalDate.parse("2026-11-30")),
                List.of("asha"),
                List.of("jio"),
                null,
                null,
                false,
                status,
                "sup",
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                List.of());
    }

    @Test
    void aCaseIsWorkedInOnlyWhileOpenAndItsAuthorityValidBothDaysIncluded() {
        CaseFile open = file(CaseFile.Status.OPEN);
        assertThat(open.closedReason(LocalDate.parse("2026-11-01"))).isNull();
        assertThat(open.closedReason(LocalDate.parse("2026-11-30"))).isNull();
        assertThat(open.closedReason(LocalDate.parse("2026-10-31")))
                .isEqualTo("The authority for case FIR-0412-2026 is valid only from 2026-11-01.");
        assertThat(open.closedReason(LocalDate.parse("2026-12-01")))
                .isEqualTo("The authority for case FIR-0412-2026 expired on 2026-11-30.");
        assertThat(file(CaseFile.Status.CLOSED).closedReason(LocalDate.parse("2026-11-15")))
                .isEqualTo("Case FIR-0412-2026 is closed.");
    }

    @Test
    void theLastDayEndsAtMidnightInThePortalsZone() {
        CaseFile open = file(CaseFile.Status.OPEN);
        ZoneId ist = ZoneId.of("Asia/Kolkata");
        // 2026-11-30 18:29:59 UTC is 23:59:59 IST on the last day; a second later the authority has expired
        assertThat(open.activeAt(Instant.parse("2026-11-30T18:29:59Z"), ist)).isTrue();
        assertThat(open.activeAt(Instant.parse("2026-11-30T18:30:00Z"), ist)).isFalse();
    }

    @Test
    void theAuthorityDescribesItself() {
        assertThat(file(CaseFile.Status.OPEN).authority().describe())
                .isEqualTo(
                        "Warrant W-114/2026 issued by Chief Judicial Magistrate, Pune, valid 2026-11-01 to 2026-11-30");
    }
}
