package io.spinestream.testing.auditfixtures;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;

/** A resource method nobody decided on, and a sub-resource locator nobody decided on. */
@Path("/v1/undecided")
public class UndecidedResource {

    @DELETE
    @Path("{id}")
    public void remove() {
    }

    @Path("children")
    public DecidedResource children() {
        return new DecidedResource();
    }
}
