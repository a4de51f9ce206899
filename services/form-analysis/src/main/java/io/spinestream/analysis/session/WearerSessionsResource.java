package io.spinestream.analysis.session;

import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.api.QueryParams;
import io.spinestream.analysis.api.WearerScope;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** A wearer's exercise sessions. */
@Path("/v1/wearers/{wearerId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
@SecurityRequirement(name = "jwt")
public class WearerSessionsResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Inject
    WearerScope scope;

    @Inject
    SessionStore sessions;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @Operation(summary = "A wearer's sessions, newest first",
            description = "Sessions that started in [from, to) (RFC 3339; either may be left out). Pass nextCursor as "
                    + "cursor for the next page. A wearer reads only their own.")
    @Audited(resource = "session", action = AuditAction.READ, wearer = "wearerId")
    public Uni<SessionPage> list(@PathParam("wearerId") String wearerId, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") String limit) {
        String clinic = scope.requireReadable(wearerId);
        Instant since = QueryParams.instant("from", from);
        Instant until = QueryParams.instant("to", to);
        QueryParams.requireOrdered(since, until);
        SessionCursor after = SessionCursor.decode(cursor);
        int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return sessions.pageOfWearer(clinic, wearerId, since, until, after, size).map(docs -> {
            List<SessionView> items = docs.stream().map(SessionView::of).toList();
            String next = null;
            if (items.size() == size) {
                SessionView last = items.get(items.size() - 1);
                next = new SessionCursor(last.startedAt(), last.id()).encode();
            }
            return new SessionPage(items, next);
        });
    }
}
