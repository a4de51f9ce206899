package io.spinestream.platform.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Objects;

/**
 * Who is calling, and for which clinic. Every endpoint and query scopes by {@link #clinicId()};
 * a resource of another clinic is reported as absent ({@link #requireSameClinic}), never as
 * forbidden, so that its existence does not leak.
 */
@RequestScoped
public class Caller {

    /** Identity attribute holding the caller's clinic, set for people and belts alike. */
    public static final String CLINIC_ATTRIBUTE = "spinestream.clinic";

    private final SecurityIdentity identity;

    @Inject
    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The clinic every request of this caller is scoped to; 401 for an anonymous caller. */
    public String clinicId() {
        String clinic = identity.getAttribute(CLINIC_ATTRIBUTE);
        if (identity.isAnonymous() || clinic == null) {
            throw ProblemException.unauthorized("authentication required");
        }
        return clinic;
    }

    /** The token's subject: a person's id, or a belt id for belts. */
    public String subject() {
        if (identity.isAnonymous()) {
            throw ProblemException.unauthorized("authentication required");
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /**
     * Passes a resource through if it belongs to the caller's clinic; otherwise answers 404 as if it
     * did not exist. {@code what} names the resource kind in the problem detail.
     */
    public <T> T requireSameClinic(T resource, String resourceClinicId, String what) {
        if (resource == null || !Objects.equals(clinicId(), resourceClinicId)) {
            throw ProblemException.notFound(what);
        }
        return resource;
    }
}
