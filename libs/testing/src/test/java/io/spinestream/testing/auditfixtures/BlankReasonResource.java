package io.spinestream.testing.auditfixtures;

import io.spinestream.platform.audit.NotAudited;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** An exemption that gives no reason. */
@Path("/v1/blank")
public class BlankReasonResource {

    @PUT
    @NotAudited(reason = "  ")
    public void replace() {
    }
}
