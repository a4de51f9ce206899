package io.spinestream.analysis.calibration;

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

/** A wearer's calibrations (neutral spine), newest first. */
@Path("/v1/wearers/{wearerId}/calibrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "calibrations")
@SecurityRequirement(name = "jwt")
public class CalibrationResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Inject
    WearerScope scope;

    @Inject
    CalibrationStore calibrations;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @Operation(summary = "A wearer's calibration history",
            description = "Newest first; pass nextBefore as before for the next page. A wearer reads only their own.")
    @Audited(resource = "calibration", action = AuditAction.READ, wearer = "wearerId")
    public Uni<CalibrationHistory> history(@PathParam("wearerId") String wearerId,
                                           @QueryParam("before") String before, @QueryParam("limit") String limit) {
        String clinic = scope.requireReadable(wearerId);
        Instant until = QueryParams.instant("before", before);
        int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return calibrations.history(clinic, wearerId, until, size).map(found -> {
            List<CalibrationView> items = found.stream().map(CalibrationView::of).toList();
            Instant next = items.size() == size ? items.get(items.size() - 1).at() : null;
            return new CalibrationHistory(items, next);
        });
    }
}
