package io.flowanalyzer.portal.cases;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cases: the zone in which an authority's dates are read ({@code zone}), the roles that may see
 * subscriber identifiers in a case whose authority covers them ({@code identifierRoles}; other roles
 * always see them masked), and an optional case created at first start with {@code admin} as its
 * member ({@code initial}: the embedded demo stack sets one so that the demo and API clients work at
 * once; a production deployment leaves it empty and opens its cases on the Cases page).
 */
@ConfigurationProperties("flowanalyzer.portal.cases")
public record CaseProperties(
        @DefaultValue("Asia/Kolkata") String zone,
        @DefaultValue({"ADMIN", "SUPERVISOR", "INVESTIGATOR"}) List<String> identifierRoles,
        @DefaultValue Initial initial) {

    /** The case opened at first start when {@code number} is set; valid for {@code validDays} from that day. */
    public record Initial(
            @DefaultValue("") String number,
            @DefaultValue("Demonstration case") String title,
            @DefaultValue("Requisition") String kind,
            @DefaultValue("") String reference,
            @DefaultValue("") String issuedBy,
            @DefaultValue("Demonstration of IPDR FlowAnalyzer on generated data") String purpose,
            @DefaultValue("365") int validDays) {}

    public java.time.ZoneId zoneId() {
        return java.time.ZoneId.of(zone);
    }
}
