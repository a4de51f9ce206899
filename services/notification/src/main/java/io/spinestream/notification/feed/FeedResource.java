package io.spinestream.notification.feed;

import io.smallrye.mutiny.Multi;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live feed of the caller's clinic: new alerts and their state changes, as they happen. */
@Path("/v1/feed")
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
public class FeedResource {

    @Inject
    Caller caller;

    @Inject
    FeedBroadcaster broadcaster;

    @Inject
    FeedConfig config;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Operation(summary = "Server-Sent Events: `alert` for each new alert, `alert-state-changed` for each "
            + "acknowledgement or resolution, of the caller's clinic only; a comment line as heartbeat")
    @Audited(resource = "alert_feed", action = AuditAction.READ)
    public Multi<OutboundSseEvent> feed(@Context Sse sse) {
        String clinic = caller.clinicId();
        Multi<OutboundSseEvent> events = broadcaster.of(clinic)
                .map(event -> sse.newEventBuilder()
                        .id(event.id())
                        .name(event.kind())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(FeedEvent.class, event)
                        .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        // An opening comment sends the response head at once. Merging subscribes to the clinic's
        // events first, so once a client has read the comment it misses nothing published later.
        Multi<OutboundSseEvent> opening = Multi.createFrom().item(sse.newEventBuilder().comment("subscribed").build());
        return Multi.createBy().merging().streams(events,
                        Multi.createBy().concatenating().streams(opening, heartbeats))
                .onOverflow().buffer(config.subscriberBuffer());
    }
}
