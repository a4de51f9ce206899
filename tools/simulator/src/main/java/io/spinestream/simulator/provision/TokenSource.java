package io.spinestream.simulator.provision;

/** Bearer tokens for calling the platform's APIs as a person of the clinic (docs/security.md). */
@FunctionalInterface
public interface TokenSource {

    /** A token with this role ({@code clinic_admin}, {@code clinician}, {@code integrator}) for the clinic. */
    String token(String role);
}
