package io.spinestream.ingest.fleet;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code POST /v1/belts:bulk}: provisions up to 1000 belts in one transaction, all or none. */
@Path("/v1/belts:bulk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fleet")
@SecurityRequirement(name = "jwt")
public class BeltBulkResource {

    static final String PATH = "/v1/belts:bulk";
    private static final String ENCODED_PATH = "/v1/belts%3Abulk";

    @Inject
    Caller caller;

    @Inject
    FleetRegistry registry;

    /**
     * Some clients percent-encode the colon ({@code /v1/belts%3Abulk}); both spellings name the
     * same resource, so the encoded one is rewritten before matching.
     */
    @ServerRequestFilter(preMatching = true)
    public void acceptEncodedColon(ContainerRequestContext request) {
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        if (ENCODED_PATH.equalsIgnoreCase(rawPath)) {
            request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replacePath(PATH).build());
        }
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN})
    @Audited(resource = "belt", action = AuditAction.CREATE)
    public Uni<RestResponse<BulkProvisioned>> provision(@Valid @NotNull BulkProvisionRequest request) {
        String clinic = caller.clinicId();
        return registry.provision(clinic, request.belts())
                .map(provisioned -> RestResponse.status(RestResponse.Status.CREATED, new BulkProvisioned(provisioned)));
    }
}
