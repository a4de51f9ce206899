package io.spinestream.notification.alert;

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

/** Alerts of the caller's clinic. */
@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
public class AlertResource {

    @Inject
    Caller caller;

    @Inject
    AlertRepository alerts;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    public Uni<AlertView> get(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return alerts.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("alert " + id))
                .map(AlertView::of);
    }
}
