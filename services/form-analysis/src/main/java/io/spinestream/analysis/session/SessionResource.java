package io.spinestream.analysis.session;

import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.api.WearerScope;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exercise sessions of the caller's clinic. */
@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
@SecurityRequirement(name = "jwt")
public class SessionResource {

    @Inject
    WearerScope scope;

    @Inject
    SessionStore sessions;

    @Inject
    SessionConfig config;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @Operation(summary = "One session with its reps and angle trace",
            description = "A wearer reads only their own sessions; anything else is 404 like an absent session.")
    @Audited(resource = "session", action = AuditAction.READ, id = "id")
    public Uni<SessionDetail> get(@PathParam("id") String id) {
        String clinic = scope.clinicId();
        String ownWearer = scope.ownWearerId();
        return sessions.findInClinic(clinic, id)
                .map(doc -> doc != null && ownWearer != null && !ownWearer.equals(doc.getString(SessionStore.WEARER))
                        ? null : doc)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session " + id))
                .chain(doc -> sessions.trace(clinic, id, config.trace().maxPoints())
                        .map(trace -> SessionDetail.of(doc, trace)));
    }
}
