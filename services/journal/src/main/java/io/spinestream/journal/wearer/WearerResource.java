package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Wearers of the caller's clinic. A wearer sees only themself. */
@Path("/v1/wearers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "wearers")
@SecurityRequirement(name = "jwt")
public class WearerResource {

    @Inject
    Caller caller;

    @Inject
    WearerRepository wearers;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    public Uni<WearerView> get(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        if (caller.hasRole(Roles.WEARER) && !caller.subject().equals(id)) {
            // Another wearer's record is as invisible as another clinic's.
            return Uni.createFrom().failure(ProblemException.notFound("wearer " + id));
        }
        return wearers.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("wearer " + id))
                .map(WearerView::of);
    }
}
