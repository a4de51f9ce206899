package io.spinestream.testing.auditfixtures;

import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.audit.NotAudited;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;

/** A resource method that claims both. */
@Path("/v1/both")
public class BothResource {

    @PATCH
    @Audited(resource = "wearer", action = AuditAction.UPDATE)
    @NotAudited(reason = "no health data")
    public void change() {
    }
}
