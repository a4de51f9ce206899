package io.spinestream.journal.erasure;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.platform.audit.NotAudited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Erasure receipts: which services confirmed an erasure, what each removed and when, and which are still
 * pending. An erasure starts with {@code DELETE /v1/wearers/{id}}.
 */
@Path("/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "erasures")
@SecurityRequirement(name = "jwt")
public class ErasureResource {

    @Inject
    Caller caller;

    @Inject
    ErasureService service;

    /** The erasure's receipt; 404 for one of another clinic, exactly as for an absent one. */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @WithSession
    @NotAudited(reason = "ids and counts only; the erasure itself is recorded by its DELETE /v1/wearers/{id}")
    public Uni<ErasureView> get(@PathParam("id") String id) {
        return service.find(caller.clinicId(), id);
    }
}
