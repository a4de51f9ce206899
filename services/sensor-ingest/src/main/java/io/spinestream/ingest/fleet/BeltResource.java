package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.audit.NotAudited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fleet registry API; every query is scoped to the caller's clinic. Clinicians read;
 * clinic admins and admins change.
 */
@Path("/v1/belts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet")
@SecurityRequirement(name = "jwt")
public class BeltResource {

    @Inject
    Caller caller;

    @Inject
    BeltRepository belts;

    @Inject
    BeltAssignmentRepository assignments;

    @Inject
    FleetRegistry registry;

    @Inject
    FleetConfig config;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "belt", action = AuditAction.READ, id = "id")
    public Uni<BeltView> get(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return belts.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("belt " + id))
                .map(BeltView::of);
    }

    /**
     * The clinic's belts by id, filtered, one page at a time. Numbers are taken as text and
     * checked here so that a malformed one is a 400 naming the parameter, not a bare 404.
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "belt", action = AuditAction.READ)
    public Uni<BeltPage> list(
            @QueryParam("firmware") @Size(max = 32) String firmware,
            @QueryParam("batteryBelow") @Pattern(regexp = "0(\\.[0-9]{1,6})?|1(\\.0{1,6})?",
                    message = "must be a number from 0.0 to 1.0") String batteryBelow,
            @QueryParam("silentForMinutes") @Pattern(regexp = "[1-9][0-9]{0,5}",
                    message = "must be a whole number of minutes from 1 to 999999") String silentForMinutes,
            @QueryParam("unassigned") @Pattern(regexp = "true|false", message = "must be true or false") String unassigned,
            @QueryParam("state") @Pattern(regexp = "active|retired", message = "must be active or retired") String state,
            @QueryParam("limit") @Pattern(regexp = "[1-9][0-9]{0,5}", message = "must be a whole number from 1") String limit,
            @QueryParam("cursor") String cursor) {
        String clinic = caller.clinicId();
        int pageSize = limit == null ? config.pageSize() : Integer.parseInt(limit);
        if (pageSize > config.maxPageSize()) {
            throw ProblemException.invalidField("limit", "Max", "must be at most " + config.maxPageSize());
        }
        String after = cursor == null ? null : BeltCursor.decode(cursor).orElseThrow(() ->
                ProblemException.invalidField("cursor", "format", "not a cursor returned by this API"));
        BeltFilter filter = new BeltFilter(firmware,
                batteryBelow == null ? null : Float.parseFloat(batteryBelow),
                silentForMinutes == null ? null
                        : Instant.now().minus(Duration.ofMinutes(Long.parseLong(silentForMinutes))),
                unassigned == null ? null : Boolean.parseBoolean(unassigned),
                state == null ? null : BeltState.valueOf(state));
        return belts.page(clinic, filter, after, pageSize + 1).map(found -> {
            List<BeltView> items = found.stream().limit(pageSize).map(BeltView::of).toList();
            String next = found.size() > pageSize ? BeltCursor.encode(items.get(items.size() - 1).id()) : null;
            return new BeltPage(items, next);
        });
    }

    /** Provisions one belt; its credential is in this response and nowhere else, ever. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN})
    @Audited(resource = "belt", action = AuditAction.CREATE)
    public Uni<RestResponse<ProvisionedBelt>> provision(@Valid @NotNull ProvisionBeltRequest request) {
        String clinic = caller.clinicId();
        return registry.provision(clinic, List.of(request)).map(provisioned -> RestResponse.ResponseBuilder
                .<ProvisionedBelt>created(URI.create("/v1/belts/" + request.id()))
                .entity(provisioned.get(0))
                .build());
    }

    /** Assigns the belt to a wearer, or unassigns it with {@code {"wearerId": null}}. */
    @PUT
    @Path("{id}/wearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN})
    @Audited(resource = "belt_assignment", action = AuditAction.UPDATE, id = "id")
    public Uni<BeltView> assign(@PathParam("id") String id, @Valid @NotNull AssignWearerRequest request) {
        String clinic = caller.clinicId();
        return registry.assign(clinic, id, request.wearerId()).map(BeltView::of);
    }

    /** Who wore the belt when, newest first: telemetry is attributed by these periods. */
    @GET
    @Path("{id}/assignments")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "belt_assignment", action = AuditAction.READ, id = "id")
    public Uni<AssignmentHistory> assignments(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return belts.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("belt " + id))
                .chain(belt -> assignments.history(id))
                .map(history -> new AssignmentHistory(id, history.stream().map(AssignmentView::of).toList()));
    }

    /** Rotates the belt's credential: the new one is shown once, the old one stops working at once. */
    @POST
    @Path("{id}/credential")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN})
    @NotAudited(reason = "a secret, nothing of a wearer")
    public Uni<IssuedCredential> rotateCredential(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return registry.rotateCredential(clinic, id);
    }

    /** Retires the belt; its credential stops working at once. The belt stays listed as retired. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN})
    @Audited(resource = "belt", action = AuditAction.DELETE, id = "id")
    public Uni<RestResponse<Void>> retire(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return registry.retire(clinic, id).map(ignored -> RestResponse.noContent());
    }
}
