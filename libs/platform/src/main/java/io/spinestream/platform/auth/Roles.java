package io.spinestream.platform.auth;

/** The people roles a token's {@code groups} claim may carry. Belts authenticate separately. */
public final class Roles {
    /** Operates the platform; still scoped to the clinic in its token. */
    public static final String ADMIN = "admin";
    /** Manages a clinic: fleet, wearers, subscriptions. */
    public static final String CLINIC_ADMIN = "clinic_admin";
    /** Reads and writes the health data of the clinic's wearers. */
    public static final String CLINICIAN = "clinician";
    /** A person wearing a belt; reaches only their own data. */
    public static final String WEARER = "wearer";
    /** A system subscribing to events (webhooks). */
    public static final String INTEGRATOR = "integrator";
    /** A belt authenticated by its own credential. */
    public static final String BELT = "belt";

    /** Every people role, for validation (e.g. by token tooling). */
    public static final java.util.Set<String> PEOPLE = java.util.Set.of(ADMIN, CLINIC_ADMIN, CLINICIAN, WEARER, INTEGRATOR);

    private Roles() {
    }
}
