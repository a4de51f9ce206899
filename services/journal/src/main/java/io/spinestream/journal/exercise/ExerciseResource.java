package io.spinestream.journal.exercise;

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
import java.util.List;

/**
 * A wearer's exercise log: belt sessions (from form analysis) and manual entries. The wearer
 * reads and adds to their own; clinicians to every wearer's of the clinic.
 */
@Path("/v1/wearers/{wearerId}/exercise-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "exercise log")
@SecurityRequirement(name = "jwt")
public class ExerciseResource {

    @Inject
    Caller caller;

    @Inject
    WearerAccess access;

    @Inject
    ExerciseService service;

    @Inject
    ExerciseEntryRepository entries;

    @Inject
    JournalConfig config;

    /** Adds a manual entry; load-management advisories it triggers are raised at once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @Audited(resource = "exercise_entry", action = AuditAction.CREATE, wearer = "wearerId")
    public Uni<RestResponse<ExerciseEntryView>> record(@PathParam("wearerId") String wearerId,
                                                       @Valid @NotNull ManualExerciseRequest request) {
        return service.recordManual(wearerId, caller.subject(), request).map(entry -> RestResponse.ResponseBuilder
                .<ExerciseEntryView>created(URI.create("/v1/wearers/" + wearerId + "/exercise-entries/" + entry.id))
                .entity(ExerciseEntryView.of(entry)).build());
    }

    /** Entries newest first, filtered by period ({@code from} inclusive, {@code to} exclusive), source and activity. */
    @GET
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "exercise_entry", action = AuditAction.READ, wearer = "wearerId")
    public Uni<Page<ExerciseEntryView>> list(
            @PathParam("wearerId") String wearerId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("source") @Pattern(regexp = "belt|manual", message = "must be belt or manual") String source,
            @QueryParam("activity") @Pattern(regexp = "[a-z_]{1,40}", message = "must be an activity code") String activity,
            @QueryParam("limit") @Pattern(regexp = Paging.LIMIT_PATTERN, message = "must be a whole number from 1") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.pageSize(limit, config);
        ExerciseFilter filter = new ExerciseFilter(Params.instant(from, "from"), Params.instant(to, "to"), source, activity);
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return access.reachable(wearerId).chain(wearer -> entries.page(wearer.clinicId, wearer.id, filter, after, size + 1))
                .map(found -> {
                    List<ExerciseEntryView> items = found.stream().limit(size).map(ExerciseEntryView::of).toList();
                    String next = null;
                    if (found.size() > size) {
                        ExerciseEntryView last = items.get(items.size() - 1);
                        next = new Cursor(last.startedAt(), last.id()).encode();
                    }
                    return new Page<>(items, next);
                });
    }

    @GET
    @Path("{entryId}")
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "exercise_entry", action = AuditAction.READ, wearer = "wearerId", id = "entryId")
    public Uni<ExerciseEntryView> get(@PathParam("wearerId") String wearerId, @PathParam("entryId") String entryId) {
        return access.reachable(wearerId).chain(wearer -> entries.findForWearer(wearer.clinicId, wearer.id, entryId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("exercise entry " + entryId))
                .map(ExerciseEntryView::of);
    }
}
