package io.spinestream.analysis.backtest;

import io.spinestream.analysis.api.WearerScope;
import io.spinestream.analysis.core.LimitResolver;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a proposed profile would have raised on a wearer's stored recordings, before a clinician sets it. */
@Path("/v1/wearers/{wearerId}/backtest")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "backtest")
@SecurityRequirement(name = "jwt")
public class BacktestResource {

    static final Set<String> CONDITIONS = Set.of(LimitResolver.DISC_HERNIATION, LimitResolver.SPINAL_STENOSIS,
            LimitResolver.SPONDYLOLISTHESIS, LimitResolver.FACET_IRRITATION, LimitResolver.MUSCLE_STRAIN);

    @Inject
    WearerScope scope;

    @Inject
    Backtester backtester;

    @Inject
    BacktestConfig config;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CLINIC_ADMIN, Roles.CLINICIAN})
    @Operation(summary = "Replay a wearer's recordings with proposed conditions and limits",
            description = "Analyses the wearer's archived batches of [from, to) again with the proposal and reports the "
                    + "fault episodes per code and per session beside those raised live.")
    @Audited(resource = "backtest", action = AuditAction.READ, wearer = "wearerId")
    public BacktestReport backtest(@PathParam("wearerId") String wearerId, @Valid @NotNull BacktestRequest request) {
        String clinic = scope.requireReadable(wearerId);
        validate(request);
        return backtester.run(clinic, wearerId, request);
    }

    private void validate(BacktestRequest request) {
        List<Problem.FieldViolation> violations = new ArrayList<>();
        if (!request.from().isBefore(request.to())) {
            violations.add(new Problem.FieldViolation("to", "order", "to must be after from"));
        } else if (Duration.between(request.from(), request.to()).compareTo(config.maxPeriod()) > 0) {
            violations.add(new Problem.FieldViolation("to", "range",
                    "a backtest covers at most " + config.maxPeriod().toDays() + " days"));
        }
        List<String> conditions = request.conditions() == null ? List.of() : request.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            if (!CONDITIONS.contains(conditions.get(i))) {
                violations.add(new Problem.FieldViolation("conditions[" + i + "]", "enum",
                        "unknown condition; one of " + String.join(", ", CONDITIONS.stream().sorted().toList())));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the request breaks " + violations.size() + " rule(s)", violations);
        }
    }
}
