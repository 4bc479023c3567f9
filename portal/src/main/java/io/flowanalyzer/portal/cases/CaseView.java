package io.flowanalyzer.portal.cases;

import java.time.LocalDate;

/**
 * A case as the Cases page and the API show it: the stored case, whether it can be worked in today
 * (and if not, why), and whether it is the viewer's default or current case.
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(
        com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CaseView(CaseFile file, String state, String closedReason, boolean isDefault, boolean current) {

    static CaseView of(CaseFile file, LocalDate today, String defaultCase, String currentCase) {
        String why = file.closedReason(today);
        String state = file.status() == CaseFile.Status.CLOSED
                ? "closed"
                : why == null ? "open" : today.isBefore(file.authority().validFrom()) ? "not yet valid" : "expired";
        return new CaseView(
                file,
                state,
                why,
                file.number().equals(defaultCase),
                file.number().equals(currentCase));
    }
}
