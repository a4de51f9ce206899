package io.spinestream.journal.pain;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.shared.Cursor;
import io.spinestream.journal.shared.Page;
import io.spinestream.journal.shared.Paging;
import io.spinestream.journal.shared.Params;
import io.spinestream.journal.wearer.WearerAccess;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/**
 * A wearer's pain journal. The wearer writes and reads their own; clinicians of the clinic write
 * and read every wearer's. Each entry comes back with its red flags and its soreness assessment.
 */
@Path("/v1/wearers/{wearerId}/pain-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "pain journal")
@SecurityRequirement(name = "jwt")
public class PainResource {

    private static final String INTENSITY = "[0-9]|10";

    @Inject
    Caller caller;

    @Inject
    WearerAccess access;

    @Inject
    PainService service;

    @Inject
    PainEntryRepository entries;

    @Inject
    PainAssessments assessments;

    @Inject
    JournalConfig config;

    /** Records an entry; red flags raise an alert at once (201 with the flags and the assessment). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @Audited(resource = "pain_entry", action = AuditAction.CREATE, wearer = "wearerId")
    public Uni<RestResponse<PainEntryView>> record(@PathParam("wearerId") String wearerId,
                                                   @Valid @NotNull PainEntryRequest request) {
        return service.record(wearerId, caller.subject(), request).map(view -> RestResponse.ResponseBuilder
                .<PainEntryView>created(URI.create("/v1/wearers/" + wearerId + "/pain-entries/" + view.id()))
                .entity(view).build());
    }

    /** Entries newest first, filtered by period ({@code from} inclusive, {@code to} exclusive), location, quality, intensity. */
    @GET
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "pain_entry", action = AuditAction.READ, wearer = "wearerId")
    public Uni<Page<PainEntryView>> list(
            @PathParam("wearerId") String wearerId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("location") @Pattern(regexp = PainLocation.PATTERN, message = PainLocation.MESSAGE) String location,
            @QueryParam("quality") @Pattern(regexp = PainQuality.PATTERN, message = PainQuality.MESSAGE) String quality,
            @QueryParam("minIntensity") @Pattern(regexp = INTENSITY, message = "must be a whole number from 0 to 10") String minIntensity,
            @QueryParam("maxIntensity") @Pattern(regexp = INTENSITY, message = "must be a whole number from 0 to 10") String maxIntensity,
            @QueryParam("limit") @Pattern(regexp = Paging.LIMIT_PATTERN, message = "must be a whole number from 1") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.pageSize(limit, config);
        PainFilter filter = new PainFilter(Params.instant(from, "from"), Params.instant(to, "to"), location, quality,
                minIntensity == null ? null : Integer.valueOf(minIntensity),
                maxIntensity == null ? null : Integer.valueOf(maxIntensity));
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return access.reachable(wearerId).chain(wearer -> entries.page(wearer.clinicId, wearer.id, filter, after, size + 1)
                .chain(found -> assessments.views(wearer, found.stream().limit(size).toList()).map(items -> {
                    String next = null;
                    if (found.size() > size) {
                        PainEntryView last = items.get(items.size() - 1);
                        next = new Cursor(last.at(), last.id()).encode();
                    }
                    return new Page<>(items, next);
                })));
    }

    @GET
    @Path("{entryId}")
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "pain_entry", action = AuditAction.READ, wearer = "wearerId", id = "entryId")
    public Uni<PainEntryView> get(@PathParam("wearerId") String wearerId, @PathParam("entryId") String entryId) {
        return access.reachable(wearerId).chain(wearer -> entries.findForWearer(wearer.clinicId, wearer.id, entryId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("pain entry " + entryId))
                .chain(entry -> assessments.view(wearer, entry)));
    }
}
