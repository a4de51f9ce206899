package io.spinestream.analysis.session;

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

/** Exercise sessions of the caller's clinic. */
@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
@SecurityRequirement(name = "jwt")
public class SessionResource {

    @Inject
    Caller caller;

    @Inject
    SessionStore sessions;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    public Uni<SessionView> get(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return sessions.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session " + id))
                .map(SessionView::of);
    }
}
