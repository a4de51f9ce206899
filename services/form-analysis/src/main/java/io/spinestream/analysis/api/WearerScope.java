package io.spinestream.analysis.api;

import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Whose health data a caller may read: clinic staff (clinician, clinic admin, admin) any wearer of
 * their clinic, a wearer only themself (the token's subject). Anything else is reported as absent
 * (404), exactly like a wearer without data, so that nothing leaks across wearers or clinics.
 */
@RequestScoped
public class WearerScope {

    @Inject
    Caller caller;

    /** The caller's clinic, once the caller may read {@code wearerId}'s data; otherwise 404. */
    public String requireReadable(String wearerId) {
        String clinic = caller.clinicId();
        if (!isStaff() && !caller.subject().equals(wearerId)) {
            throw notFound(wearerId);
        }
        return clinic;
    }

    /** Whether the caller acts for the clinic rather than as a wearer. */
    public boolean isStaff() {
        return caller.hasRole(Roles.CLINICIAN) || caller.hasRole(Roles.CLINIC_ADMIN) || caller.hasRole(Roles.ADMIN);
    }

    /** The wearer a wearer's token speaks for; null for staff. */
    public String ownWearerId() {
        return isStaff() ? null : caller.subject();
    }

    public String clinicId() {
        return caller.clinicId();
    }

    public static ProblemException notFound(String wearerId) {
        return ProblemException.notFound("wearer " + wearerId);
    }
}
