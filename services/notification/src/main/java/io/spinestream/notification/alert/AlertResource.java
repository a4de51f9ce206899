package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AlertState;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.notification.support.PageCursor;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Alerts of the caller's clinic: list, read, acknowledge, resolve. */
@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
public class AlertResource {

    @Inject
    Caller caller;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertLifecycle lifecycle;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Operation(summary = "Alerts of the clinic, newest first, filtered by wearer, belt, type, code, severity, state")
    @Audited(resource = "alert", action = AuditAction.READ, wearer = "wearerId")
    public Uni<AlertPage> list(@Valid @BeanParam AlertQuery query) {
        String clinic = caller.clinicId();
        if (query.type != null && !AlertTypes.ALL.contains(query.type)) {
            throw ProblemException.invalidField("type", "enum", "must be one of " + AlertTypes.ALL.stream().sorted().toList());
        }
        PageCursor after = query.cursor == null ? null : PageCursor.decode(query.cursor);
        return alerts.page(clinic, query, after, query.limit + 1).map(found -> {
            boolean more = found.size() > query.limit;
            List<AlertRecord> shown = more ? found.subList(0, query.limit) : found;
            return new AlertPage(shown.stream().map(AlertView::of).toList(),
                    more ? cursorAfter(shown.get(shown.size() - 1)) : null);
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "alert", action = AuditAction.READ, id = "id")
    public Uni<AlertView> get(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return alerts.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("alert " + id))
                .map(AlertView::of);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Operation(summary = "Acknowledge an open alert (who and when are taken from the token and the clock)")
    @Audited(resource = "alert", action = AuditAction.UPDATE, id = "id")
    public Uni<AlertView> acknowledge(@PathParam("id") String id,
                                      @RequestBody(required = false) @Valid AlertNoteRequest request) {
        return change(id, AlertState.ACKNOWLEDGED, request);
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Operation(summary = "Resolve an open or acknowledged alert")
    @Audited(resource = "alert", action = AuditAction.UPDATE, id = "id")
    public Uni<AlertView> resolve(@PathParam("id") String id,
                                      @RequestBody(required = false) @Valid AlertNoteRequest request) {
        return change(id, AlertState.RESOLVED, request);
    }

    private static String cursorAfter(AlertRecord last) {
        return new PageCursor(last.raisedAt, last.id).encode();
    }

    private Uni<AlertView> change(String id, AlertState target, AlertNoteRequest request) {
        String clinic = caller.clinicId();
        String by = caller.subject();
        String note = request == null || request.note() == null || request.note().isBlank() ? null : request.note();
        return lifecycle.change(clinic, id, target, by, note).map(AlertView::of);
    }
}
