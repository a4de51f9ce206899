package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.audit.NotAudited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The clinic's webhook endpoints (Standard Webhooks): subscribe, change, rotate the secret, remove. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.INTEGRATOR, Roles.CLINIC_ADMIN})
public class WebhookEndpointResource {

    @Inject
    Caller caller;

    @Inject
    WebhookEndpointRepository endpoints;

    @Inject
    EndpointDisabler disabler;

    @Inject
    WebhookConfig config;

    @Inject
    EndpointSecrets secrets;

    @Inject
    Vertx vertx;

    @Inject
    InstantSource clock;

    @GET
    @Path("event-types")
    @Operation(summary = "The event types an endpoint can subscribe to")
    @NotAudited(reason = "the subscribable event types: configuration, nothing of a wearer")
    public List<String> eventTypes() {
        return WebhookEventTypes.SUBSCRIBABLE.stream().sorted().toList();
    }

    @POST
    @Path("endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an endpoint; the answer carries its signing secret, shown only this once")
    @NotAudited(reason = "configuration (URL, subscriptions) and its new secret, nothing of a wearer")
    public Uni<Response> create(@Valid @NotNull EndpointRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        String clinic = caller.clinicId();
        String by = caller.subject();
        return validated(request).chain(() -> persistNew(clinic, by, request))
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                        .entity(created).build());
    }

    private Uni<EndpointView> persistNew(String clinic, String by, EndpointRequest request) {
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = "ep_" + UUID.randomUUID().toString().replace("-", "");
        endpoint.clinicId = clinic;
        String secret = secrets.issue(endpoint);
        endpoint.createdAt = now;
        endpoint.createdBy = by;
        apply(endpoint, request, now);
        return Panache.withTransaction(() -> endpoints.persist(endpoint))
                .map(saved -> EndpointView.withSecret(saved, secret));
    }

    @GET
    @Path("endpoints")
    @WithSession
    @NotAudited(reason = "webhook configuration (URLs, subscriptions), nothing of a wearer")
    public Uni<List<EndpointView>> list() {
        return endpoints.listInClinic(caller.clinicId()).map(all -> all.stream().map(EndpointView::of).toList());
    }

    @GET
    @Path("endpoints/{id}")
    @WithSession
    @NotAudited(reason = "webhook configuration (URLs, subscriptions), nothing of a wearer")
    public Uni<EndpointView> get(@PathParam("id") String id) {
        return owned(caller.clinicId(), id).map(EndpointView::of);
    }

    @PUT
    @Path("endpoints/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the endpoint's URL, filter, digest settings and enabled flag (not its secret)")
    @NotAudited(reason = "webhook configuration (URLs, subscriptions), nothing of a wearer")
    public Uni<EndpointView> update(@PathParam("id") String id, @Valid @NotNull EndpointRequest request) {
        String clinic = caller.clinicId();
        String by = caller.subject();
        return validated(request).chain(() -> replace(clinic, by, id, request));
    }

    private Uni<EndpointView> replace(String clinic, String by, String id, EndpointRequest request) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> owned(clinic, id).chain(endpoint -> {
            boolean wasEnabled = endpoint.enabled;
            apply(endpoint, request, now);
            if (wasEnabled && !endpoint.enabled) {
                endpoint.disabledReason = "disabled by " + by;
                endpoint.disabledAt = now;
                return disabler.deadLetterPending(endpoint.id, "endpoint disabled by " + by, now, null)
                        .replaceWith(endpoint);
            }
            return Uni.createFrom().item(endpoint);
        })).map(EndpointView::of);
    }

    @DELETE
    @Path("endpoints/{id}")
    @WithTransaction
    @Operation(summary = "Remove the endpoint with its delivery log")
    // The delivery log holds alert payloads (health data): removing it is a delete of them.
    @Audited(resource = "webhook_delivery", action = AuditAction.DELETE, id = "id")
    public Uni<Response> delete(@PathParam("id") String id) {
        return owned(caller.clinicId(), id).chain(endpoints::delete).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("endpoints/{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Issue a new signing secret, shown only this once; the old one keeps signing for the overlap")
    @NotAudited(reason = "a secret, nothing of a wearer")
    public Uni<SecretView> rotate(@PathParam("id") String id,
                                    @RequestBody(required = false) SecretRotationRequest request) {
        Duration overlap = request == null || request.overlap() == null
                ? config.secrets().defaultRotationOverlap() : request.overlap();
        if (overlap.isNegative() || overlap.compareTo(config.secrets().maxRotationOverlap()) > 0) {
            throw ProblemException.invalidField("overlap", "range",
                    "must be between PT0S and " + config.secrets().maxRotationOverlap());
        }
        Instant now = clock.instant();
        return owned(caller.clinicId(), id).map(endpoint -> {
            String secret = secrets.rotate(endpoint, overlap.isZero() ? null : now.plus(overlap));
            endpoint.updatedAt = now;
            return new SecretView(endpoint.id, secret, endpoint.previousSecretExpires);
        });
    }

    private Uni<WebhookEndpoint> owned(String clinic, String id) {
        return endpoints.findInClinic(clinic, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("webhook endpoint " + id));
    }

    private void apply(WebhookEndpoint endpoint, EndpointRequest request, Instant now) {
        endpoint.url = request.url().trim();
        endpoint.description = request.description();
        endpoint.eventTypes = request.eventTypes() == null ? List.of()
                : request.eventTypes().stream().distinct().sorted().toList();
        boolean enable = request.enabled() == null || request.enabled();
        if (enable && !endpoint.enabled) {
            endpoint.disabledReason = null;
            endpoint.disabledAt = null;
            // A fresh start: an endpoint re-enabled after a failure is not disabled again at once.
            endpoint.failingSince = null;
        }
        endpoint.enabled = enable;
        DigestSettings digest = request.digest();
        endpoint.digestEnabled = digest != null && digest.enabled();
        endpoint.digestWindowMs = (digest == null || digest.window() == null
                ? config.digest().defaultWindow() : digest.window()).toMillis();
        endpoint.updatedAt = now;
    }

    /** Checks what Bean Validation cannot: types, digest window, and the URL's target (resolving it). */
    private Uni<Void> validated(EndpointRequest request) {
        List<Problem.FieldViolation> violations = new ArrayList<>();
        if (request.eventTypes() != null) {
            for (int i = 0; i < request.eventTypes().size(); i++) {
                String type = request.eventTypes().get(i);
                if (type != null && !WebhookEventTypes.SUBSCRIBABLE.contains(type)) {
                    violations.add(new Problem.FieldViolation("eventTypes[" + i + "]", "enum",
                            "not a type endpoints can subscribe to (see /v1/webhooks/event-types)"));
                }
            }
        }
        DigestSettings digest = request.digest();
        if (digest != null && digest.window() != null && (digest.window().compareTo(config.digest().minWindow()) < 0
                || digest.window().compareTo(config.digest().maxWindow()) > 0)) {
            violations.add(new Problem.FieldViolation("digest.window", "range",
                    "must be between " + config.digest().minWindow() + " and " + config.digest().maxWindow()));
        }
        TargetGuard guard = TargetGuard.of(config.targets());
        Optional<String> urlProblem = guard.urlProblem(request.url().trim());
        urlProblem.ifPresent(p -> violations.add(new Problem.FieldViolation("url", "target", "url " + p)));
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest(
                    "the request breaks " + violations.size() + " rule(s)", violations));
        }
        String host = URI.create(request.url().trim()).getHost();
        return Uni.createFrom().completionStage(() -> vertx.<Optional<String>>executeBlocking(() -> {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    Optional<String> problem = guard.addressProblem(address);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            } catch (UnknownHostException e) {
                // Not resolvable yet (DNS being set up): accepted; every delivery checks again.
            }
            return Optional.<String>empty();
        }, false).toCompletionStage()).map(problem -> {
            if (problem.isPresent()) {
                throw ProblemException.invalidField("url", "target", "url resolves to " + problem.get());
            }
            return null;
        });
    }
}
