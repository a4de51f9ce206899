package io.spinestream.analysis.recording;

import io.spinestream.analysis.api.QueryParams;
import io.spinestream.analysis.api.WearerScope;
import io.spinestream.analysis.archive.ArchivedBatch;
import io.spinestream.analysis.archive.TelemetryArchive;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;

/**
 * A belt's archived telemetry as a recording: NDJSON, one batch per line in the JSON of
 * telemetry.md ({@code TelemetryJson}), in the order the live analyzer received them, so that
 * {@code ./spinestream analyze} on the file raises what live raised.
 */
@Path("/v1/belts/{beltId}/recording")
@Tag(name = "recordings")
@SecurityRequirement(name = "jwt")
public class RecordingResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    WearerScope scope;

    @Inject
    TelemetryArchive archive;

    @Inject
    RecordingConfig config;

    @GET
    @Produces(NDJSON)
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN, Roles.WEARER})
    @Operation(summary = "Export a belt's telemetry of [from, to) as an NDJSON recording",
            description = "Batches that started in [from, to) (RFC 3339), in arrival order. A wearer gets only the "
                    + "batches attributed to them. 404 when the clinic has no archived batch of the belt.")
    @Audited(resource = "recording", action = AuditAction.EXPORT, id = "beltId")
    public Response export(@PathParam("beltId") String beltId, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        String clinic = scope.clinicId();
        String ownWearer = scope.ownWearerId();
        Instant since = QueryParams.requiredInstant("from", from);
        Instant until = QueryParams.requiredInstant("to", to);
        QueryParams.requireOrdered(since, until);
        if (Duration.between(since, until).compareTo(config.maxRange()) > 0) {
            throw ProblemException.invalidField("to", "range",
                    "a recording covers at most " + config.maxRange().toHours() + " h; export it in parts");
        }
        if (!archive.hasBelt(clinic, beltId, ownWearer)) {
            throw ProblemException.notFound("belt " + beltId);
        }
        StreamingOutput body = out -> {
            for (Document doc : archive.ofBelt(clinic, beltId, ownWearer, since, until)) {
                out.write(TelemetryJson.toJsonBytes(ArchivedBatch.batch(doc)));
                out.write('\n');
            }
        };
        String file = beltId + "-" + since.toString().replace(':', '-') + ".ndjson";
        return Response.ok(body, NDJSON).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .build();
    }
}
