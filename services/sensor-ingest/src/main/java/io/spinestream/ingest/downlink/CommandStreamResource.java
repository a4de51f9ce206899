package io.spinestream.ingest.downlink;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.spinestream.ingest.auth.BeltIdentity;
import io.spinestream.platform.audit.NotAudited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /v1/belts/{id}/commands}: the belt's command stream (Server-Sent Events), held open
 * by the belt, authenticated by its own credential. Each event is one command ({@code event:
 * command}, {@code id:} the command id, {@code data:} a {@link CommandView}).
 */
@Path("/v1/belts/{id}/commands")
@Tag(name = "downlink")
@SecurityRequirement(name = "jwt")
public class CommandStreamResource {

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    CommandDelivery delivery;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BELT)
    @NotAudited(reason = "the belt's own command stream, not a person's access")
    public Multi<OutboundSseEvent> stream(@PathParam("id") String id, @Context Sse sse) {
        if (!caller.subject().equals(id)) {
            throw ProblemException.forbidden("a belt may receive only its own commands");
        }
        return delivery.open(id, BeltIdentity.credentialKeyOf(identity), sse);
    }
}
