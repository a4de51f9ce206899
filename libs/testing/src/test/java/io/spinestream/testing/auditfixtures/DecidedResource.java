package io.spinestream.testing.auditfixtures;

import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.audit.NotAudited;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Every resource method decided; the helper is no resource method. */
@Path("/v1/decided")
public class DecidedResource {

    @GET
    @Path("{id}")
    @Audited(resource = "pain_entry", action = AuditAction.READ, id = "id")
    public String read() {
        return helper();
    }

    @POST
    @NotAudited(reason = "configuration, nothing of a wearer")
    public String configure() {
        return helper();
    }

    public String helper() {
        return "";
    }
}
