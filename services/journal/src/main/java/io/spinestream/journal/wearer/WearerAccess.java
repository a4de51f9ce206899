package io.spinestream.journal.wearer;

import io.smallrye.mutiny.Uni;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which wearer a caller may reach: one of the caller's clinic, and for a wearer's own token only
 * themself. Anything else is reported as absent (404), exactly like a wearer that does not exist.
 * Must run within a Hibernate Reactive session.
 */
@ApplicationScoped
public class WearerAccess {

    private final Caller caller;
    private final WearerRepository wearers;

    @Inject
    public WearerAccess(Caller caller, WearerRepository wearers) {
        this.caller = caller;
        this.wearers = wearers;
    }

    /** The wearer, if the caller may reach them; otherwise a failed Uni carrying a 404 problem. */
    public Uni<Wearer> reachable(String wearerId) {
        String clinic = caller.clinicId();
        if (!mayReach(wearerId)) {
            return Uni.createFrom().failure(notFound(wearerId));
        }
        return wearers.findInClinic(clinic, wearerId).onItem().ifNull().failWith(() -> notFound(wearerId));
    }

    /** Whether the caller acts for the clinic (staff) rather than as a wearer. */
    public boolean isStaff() {
        return caller.hasRole(Roles.CLINICIAN) || caller.hasRole(Roles.CLINIC_ADMIN) || caller.hasRole(Roles.ADMIN);
    }

    private boolean mayReach(String wearerId) {
        return isStaff() || caller.subject().equals(wearerId);
    }

    public static ProblemException notFound(String wearerId) {
        return ProblemException.notFound("wearer " + wearerId);
    }
}
