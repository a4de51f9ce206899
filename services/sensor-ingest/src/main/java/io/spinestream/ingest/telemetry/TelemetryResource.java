package io.spinestream.ingest.telemetry;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.spinestream.ingest.auth.BeltIdentity;
import io.spinestream.platform.audit.NotAudited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/telemetry}: a belt uploads one batch, as JSON or Protobuf (telemetry.md),
 * authenticated by its own credential.
 */
@Path(TelemetryResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
@SecurityRequirement(name = "jwt")
public class TelemetryResource {

    static final String PATH = "/v1/telemetry";
    public static final String PROTOBUF = "application/x-protobuf";

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    TelemetryIngestor ingestor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BELT)
    @NotAudited(reason = "a belt's own stream, not a person's access; each batch is on telemetry.v1 and in the archive")
    public Uni<TelemetryAck> uploadJson(byte[] body) {
        return ingestor.ingest(caller.subject(), caller.clinicId(), BeltIdentity.credentialKeyOf(identity), body,
                Encoding.JSON);
    }

    @POST
    @Consumes(PROTOBUF)
    @RolesAllowed(Roles.BELT)
    @NotAudited(reason = "a belt's own stream, not a person's access; each batch is on telemetry.v1 and in the archive")
    public Uni<TelemetryAck> uploadProtobuf(byte[] body) {
        return ingestor.ingest(caller.subject(), caller.clinicId(), BeltIdentity.credentialKeyOf(identity), body,
                Encoding.PROTOBUF);
    }
}
