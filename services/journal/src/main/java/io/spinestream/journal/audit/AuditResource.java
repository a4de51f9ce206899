package io.spinestream.journal.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.shared.Cursor;
import io.spinestream.journal.shared.Page;
import io.spinestream.journal.shared.Paging;
import io.spinestream.journal.shared.Params;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The clinic's audit trail (docs/audit.md): every access to its wearers' health data through any service,
 * for its clinic admins only. Read-only: there is no way to change or remove a record. Reading the trail is
 * itself recorded.
 */
@Path("/v1/audit")
@Tag(name = "audit")
@SecurityRequirement(name = "jwt")
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";

    private static final String ACTIONS = "read|create|update|delete|export";
    private static final int EXPORT_CHUNK = 500;
    private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Caller caller;

    @Inject
    AuditTrail trail;

    @Inject
    JournalConfig config;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @Audited(resource = "audit_record", action = AuditAction.READ)
    @Operation(summary = "The clinic's audit trail, newest first",
            description = "Filters: wearerId, subject, service, action, from (inclusive) and to (exclusive, RFC 3339);"
                    + " cursor paging like every list of the journal.")
    public Uni<Page<AuditRecordView>> list(
            @QueryParam("wearerId") String wearerId,
            @QueryParam("subject") String subject,
            @QueryParam("service") String service,
            @QueryParam("action") @Pattern(regexp = ACTIONS, message = "must be one of " + ACTIONS) String action,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") @Pattern(regexp = Paging.LIMIT_PATTERN, message = "must be a whole number from 1") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.pageSize(limit, config);
        AuditQuery query = query(wearerId, subject, service, action, Params.instant(from, "from"),
                Params.instant(to, "to"));
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        if (after != null && after.at() == null) {
            throw ProblemException.invalidField("cursor", "format", "not a cursor returned by this API");
        }
        return trail.page(caller.clinicId(), query, after, size + 1).map(found -> {
            var items = found.stream().limit(size).toList();
            String next = null;
            if (found.size() > size) {
                AuditRecordView last = items.get(items.size() - 1);
                next = new Cursor(last.at(), last.id()).encode();
            }
            return new Page<>(items, next);
        });
    }

    @GET
    @Path("export")
    @Produces(NDJSON)
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @Audited(resource = "audit_record", action = AuditAction.EXPORT)
    @Operation(summary = "Export the clinic's audit trail of [from, to) as NDJSON, oldest first",
            description = "One record per line, as the list shows them; streamed, so any period can be exported."
                    + " The same filters as the list.")
    public Response export(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("wearerId") String wearerId,
            @QueryParam("subject") String subject,
            @QueryParam("service") String service,
            @QueryParam("action") @Pattern(regexp = ACTIONS, message = "must be one of " + ACTIONS) String action) {
        Instant since = required(Params.instant(from, "from"), "from");
        Instant until = required(Params.instant(to, "to"), "to");
        if (!since.isBefore(until)) {
            throw ProblemException.invalidField("to", "order", "must be after from");
        }
        AuditQuery query = query(wearerId, subject, service, action, since, until);
        String clinic = caller.clinicId();
        // Written on this worker thread, a chunk at a time: any period in constant memory. The answer (and so
        // its audit record) is complete before the first byte is written.
        StreamingOutput body = out -> {
            Cursor after = null;
            List<AuditRecordView> chunk;
            do {
                chunk = trail.ascending(clinic, query, after, EXPORT_CHUNK).await().atMost(CHUNK_TIMEOUT);
                for (AuditRecordView view : chunk) {
                    out.write(json.writeValueAsBytes(view));
                    out.write('\n');
                }
                if (!chunk.isEmpty()) {
                    AuditRecordView last = chunk.get(chunk.size() - 1);
                    after = new Cursor(last.at(), last.id());
                }
                out.flush();
            } while (chunk.size() == EXPORT_CHUNK);
        };
        String file = "audit-" + since.toString().replace(':', '-') + ".ndjson";
        return Response.ok(body, NDJSON).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static AuditQuery query(String wearerId, String subject, String service, String action, Instant from,
                                    Instant to) {
        if (service != null && !AuditEvents.SERVICES.contains(service)) {
            throw ProblemException.invalidField("service", "enum", "must be one of " + AuditEvents.SERVICES);
        }
        return new AuditQuery(wearerId, subject, service,
                action == null ? null : AuditAction.valueOf(action.toUpperCase(Locale.ROOT)), from, to);
    }

    private static Instant required(Instant value, String field) {
        if (value == null) {
            throw ProblemException.invalidField(field, "required", "is required");
        }
        return value;
    }
}
