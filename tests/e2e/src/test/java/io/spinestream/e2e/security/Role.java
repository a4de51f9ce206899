package io.spinestream.e2e.security;

/**
 * Who an operation admits (security.md). A wearer and a belt are admitted only for themselves: the
 * table says {@link #OWN_WEARER} or {@link #OWN_BELT}, never "any wearer" or "any belt", because the
 * platform has no such rule.
 */
enum Role {

    ADMIN("admin"),
    CLINIC_ADMIN("clinic_admin"),
    CLINICIAN("clinician"),
    INTEGRATOR("integrator"),
    /** role {@code wearer}, for their own data only (token subject = wearer id) */
    OWN_WEARER("wearer"),
    /** a belt with its own credential, for itself only */
    OWN_BELT("belt");

    /** The token's {@code groups} entry (for a belt, the role its credential gives it). */
    final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    boolean isPerson() {
        return this != OWN_BELT;
    }
}
