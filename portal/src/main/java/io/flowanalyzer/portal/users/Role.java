package io.flowanalyzer.portal.users;

/** The portal's roles (DESIGN.md security model). */
public enum Role {
    ADMIN,
    SUPERVISOR,
    INVESTIGATOR,
    AUDITOR
}
