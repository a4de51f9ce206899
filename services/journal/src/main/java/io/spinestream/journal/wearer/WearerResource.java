package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.erasure.ErasureService;
import io.spinestream.journal.erasure.ErasureView;
import io.spinestream.journal.shared.Cursor;
import io.spinestream.journal.shared.Page;
import io.spinestream.journal.shared.Paging;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.List;

/**
 * Wearers of the caller's clinic. A wearer sees only themself. Clinic admins and clinicians enrol
 * and edit wearers; conditions and limits are the clinician's alone; erasing a wearer is the clinic
 * admin's.
 */
@Path("/v1/wearers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "wearers")
@SecurityRequirement(name = "jwt")
public class WearerResource {

    @Inject
    Caller caller;

    @Inject
    WearerRepository wearers;

    @Inject
    ProfileVersionRepository versions;

    @Inject
    WearerAccess access;

    @Inject
    WearerService service;

    @Inject
    ErasureService erasures;

    @Inject
    JournalConfig config;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "wearer", action = AuditAction.READ, wearer = "id", id = "id")
    public Uni<WearerView> get(@PathParam("id") String id) {
        return access.reachable(id).map(WearerView::of);
    }

    /**
     * The clinic's wearers, newest enrolment first, one page at a time; {@code externalRef} finds the
     * wearer the clinic knows by that reference (an empty list when none).
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "wearer", action = AuditAction.READ)
    public Uni<Page<WearerView>> list(
            @QueryParam("externalRef") @Pattern(regexp = ExternalRefs.PATTERN, message = ExternalRefs.MESSAGE)
            String externalRef,
            @QueryParam("limit") @Pattern(regexp = Paging.LIMIT_PATTERN, message = "must be a whole number from 1")
            String limit,
            @QueryParam("cursor") String cursor) {
        String clinic = caller.clinicId();
        int size = Paging.pageSize(limit, config);
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        if (after != null && after.at() == null) {
            // A cursor of another list (or of this one when it was ordered by id only).
            throw ProblemException.invalidField("cursor", "format", "not a cursor returned by this API");
        }
        return wearers.page(clinic, externalRef, after, size + 1).map(found -> {
            List<Wearer> page = found.stream().limit(size).toList();
            Wearer last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = found.size() > size ? new Cursor(last.createdAt, last.id).encode() : null;
            return new Page<>(page.stream().map(WearerView::of).toList(), next);
        });
    }

    /**
     * Enrols a wearer under an id the journal assigns (in the answer and its {@code Location}); the
     * clinic's wearer tokens carry it as {@code sub}. Conditions and limits may be given by a
     * clinician only.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Audited(resource = "wearer", action = AuditAction.CREATE, wearer = Audited.CREATED)
    public Uni<RestResponse<WearerView>> create(@Valid @NotNull CreateWearerRequest request) {
        String clinic = caller.clinicId();
        boolean setsProfile = (request.conditions() != null && !request.conditions().isEmpty()) || request.limits() != null;
        if (setsProfile && !caller.hasRole(Roles.CLINICIAN)) {
            throw ProblemException.forbidden("only clinicians set conditions and limits");
        }
        return service.create(clinic, caller.subject(), request).map(wearer -> RestResponse.ResponseBuilder
                .<WearerView>created(URI.create("/v1/wearers/" + wearer.id))
                .entity(WearerView.of(wearer))
                .build());
    }

    /** Changes the wearer's name, birth year or time zone. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Audited(resource = "wearer", action = AuditAction.UPDATE, wearer = "id", id = "id")
    public Uni<WearerView> update(@PathParam("id") String id, @Valid @NotNull UpdateWearerRequest request) {
        return service.update(caller.clinicId(), caller.subject(), id, request).map(WearerView::of);
    }

    /**
     * Sets the wearer's conditions and limits (the whole profile). Each change is a new profile
     * version, published to form analysis.
     */
    @PUT
    @Path("{id}/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLINICIAN)
    @Audited(resource = "wearer_profile", action = AuditAction.UPDATE, wearer = "id", id = "id")
    public Uni<WearerView> replaceProfile(@PathParam("id") String id, @Valid @NotNull ProfileRequest request) {
        return service.replaceProfile(caller.clinicId(), caller.subject(), id, request).map(WearerView::of);
    }

    /** Every profile version, oldest first: who changed what, when and why. */
    @GET
    @Path("{id}/profile/history")
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @WithSession
    @Audited(resource = "wearer_profile", action = AuditAction.READ, wearer = "id", id = "id")
    public Uni<List<ProfileChangeView>> history(@PathParam("id") String id) {
        String clinic = caller.clinicId();
        return access.reachable(id).chain(wearer -> versions.history(clinic, wearer.id)).map(ProfileChangeView::of);
    }

    /** Records the wearer's consent to EHR export; the wearer may give or withdraw it themself. */
    @PUT
    @Path("{id}/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @Audited(resource = "wearer_consent", action = AuditAction.UPDATE, wearer = "id", id = "id")
    public Uni<WearerView> consent(@PathParam("id") String id, @Valid @NotNull ConsentRequest request) {
        if (!access.isStaff() && !caller.subject().equals(id)) {
            throw WearerAccess.notFound(id);
        }
        return service.recordConsent(caller.clinicId(), caller.subject(), id, request).map(WearerView::of);
    }

    /**
     * Erases the wearer (right to erasure, docs/privacy.md): the journal's data at once, in this request's
     * transaction, every other service's through the erasure-requests topic. 202 with the erasure and its
     * {@code Location} ({@code GET /v1/erasures/{id}}: who confirmed, what is pending); for a wearer the
     * clinic erased before, the same erasure again. 404 as for any absent wearer otherwise.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @Audited(resource = "wearer", action = AuditAction.DELETE, wearer = "id", id = "id")
    public Uni<RestResponse<ErasureView>> erase(@PathParam("id") String id) {
        return erasures.request(caller.clinicId(), caller.subject(), id).map(erasure -> RestResponse.ResponseBuilder
                .<ErasureView>create(RestResponse.Status.ACCEPTED)
                .location(URI.create("/v1/erasures/" + erasure.id()))
                .entity(erasure)
                .build());
    }
}
