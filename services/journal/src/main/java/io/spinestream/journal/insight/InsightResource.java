package io.spinestream.journal.insight;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.shared.Params;
import io.spinestream.journal.shared.Period;
import io.spinestream.journal.wearer.WearerAccess;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** What the journal inferred for a wearer: the alerts it raised, and the insights of a period. */
@Path("/v1/wearers/{wearerId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "insights")
@SecurityRequirement(name = "jwt")
public class InsightResource {

    @Inject
    WearerAccess access;

    @Inject
    JournalAlertRepository alerts;

    @Inject
    PeriodJournals journals;

    @Inject
    JournalConfig config;

    /**
     * Red flags and advisories raised, newest first; {@code from}/{@code to} are RFC 3339 times
     * ({@code to} exclusive; by default the longest period a request may cover, up to now).
     */
    @GET
    @Path("alerts")
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "journal_alert", action = AuditAction.READ, wearer = "wearerId")
    public Uni<List<AlertView>> alerts(@PathParam("wearerId") String wearerId,
                                       @QueryParam("from") String from,
                                       @QueryParam("to") String to,
                                       @QueryParam("kind") @Pattern(regexp = "red_flag|advisory",
                                               message = "must be red_flag or advisory") String kind) {
        Instant end = to == null ? Instant.now().plusSeconds(1) : Params.instant(to, "to");
        Instant start = from == null ? end.minus(config.maxPeriod()) : Params.instant(from, "from");
        return access.reachable(wearerId)
                .chain(wearer -> alerts.between(wearer.clinicId, wearer.id, start, end))
                .map(found -> found.stream().filter(a -> kind == null || kind.equals(a.kind)).map(AlertView::of).toList());
    }

    /**
     * Pain summary, soreness assessments, weekly progress and patterns of a period: {@code from} and
     * {@code to} are dates in the wearer's zone, both included (default: the last 28 days).
     */
    @GET
    @Path("insights")
    @RolesAllowed({Roles.CLINICIAN, Roles.WEARER})
    @WithSession
    @Audited(resource = "insights", action = AuditAction.READ, wearer = "wearerId")
    public Uni<Insights> insights(@PathParam("wearerId") String wearerId,
                                  @QueryParam("from") String from,
                                  @QueryParam("to") String to) {
        return access.reachable(wearerId).chain(wearer -> {
            Period period = Period.of(from, to, ZoneId.of(wearer.timeZone), config.maxPeriod());
            return journals.load(wearer, period).map(Insights::of);
        });
    }
}
