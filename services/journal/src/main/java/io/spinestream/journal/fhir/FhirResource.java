package io.spinestream.journal.fhir;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.insight.Insights;
import io.spinestream.journal.insight.PeriodJournals;
import io.spinestream.journal.shared.Period;
import io.spinestream.journal.wearer.WearerAccess;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;

/** Export of a wearer's journal for a period to electronic health records, as a FHIR R4 Bundle. */
@Path("/v1/wearers/{wearerId}/fhir")
@Tag(name = "FHIR export")
@SecurityRequirement(name = "jwt")
public class FhirResource {

    @Inject
    WearerAccess access;

    @Inject
    PeriodJournals journals;

    @Inject
    JournalConfig config;

    /**
     * {@code from}/{@code to}: dates in the wearer's zone, both included (default: the last 28 days).
     * 409 while the wearer has not consented to EHR export.
     */
    @GET
    @Produces(FhirJson.MEDIA_TYPE)
    @RolesAllowed(Roles.CLINICIAN)
    @Audited(resource = "fhir_bundle", action = AuditAction.EXPORT, wearer = "wearerId")
    public Uni<String> export(@PathParam("wearerId") String wearerId,
                              @QueryParam("from") String from,
                              @QueryParam("to") String to) {
        return Panache.withSession(() -> access.reachable(wearerId).chain(wearer -> {
            if (!wearer.consentEhrExport) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "the wearer has not consented to the export of their journal to health records"));
            }
            Period period = Period.of(from, to, ZoneId.of(wearer.timeZone), config.maxPeriod());
            return journals.load(wearer, period);
        }))
                // Building and encoding the Bundle is CPU work (and the first one builds the FHIR context): not on the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(journal -> FhirJson.encode(FhirExport.bundle(journal, Insights.of(journal),
                        config.fhir().patientIdentifierSystem(), Instant.now())));
    }
}
