package io.flowanalyzer.portal.cases;

/** A request that needs a case was made without one the user may work in; the message says why. */
public class CaseRequired extends RuntimeException {
    public CaseRequired(String message) {
        super(message);
    }
}
