package io.spinestream.journal.report;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.insight.Insights;
import io.spinestream.journal.insight.PeriodJournals;
import io.spinestream.journal.shared.Period;
import io.spinestream.journal.wearer.WearerAccess;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The clinician report of a wearer and a period: one self-contained HTML page (charts included)
 * to read on screen or print.
 */
@Path("/v1/wearers/{wearerId}/report")
@Tag(name = "report")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(ReportModel model);
    }

    @Inject
    WearerAccess access;

    @Inject
    PeriodJournals journals;

    @Inject
    ChartJsScript chartJs;

    @Inject
    JournalConfig config;

    /** {@code from} and {@code to} are dates in the wearer's zone, both included (default: the last 28 days). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.CLINICIAN)
    @WithSession
    @Audited(resource = "report", action = AuditAction.READ, wearer = "wearerId")
    public Uni<TemplateInstance> report(@PathParam("wearerId") String wearerId,
                                        @QueryParam("from") String from,
                                        @QueryParam("to") String to) {
        return access.reachable(wearerId).chain(wearer -> {
            Period period = Period.of(from, to, ZoneId.of(wearer.timeZone), config.maxPeriod());
            return journals.load(wearer, period).map(journal -> Templates.report(ReportBuilder.build(journal,
                    Insights.of(journal), chartJs.source(), chartJs.version(), Instant.now())));
        });
    }
}
