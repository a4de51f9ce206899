package io.spinestream.platform.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every answered call of an {@link Audited} method in the audit trail: successes and refusals alike
 * (403 and 404 prove an attempt). It runs once the method (or the mapper of its failure) has produced the
 * answer, and holds the answer until Kafka acknowledged the record:
 * <ul>
 *   <li>a read ({@code read}, {@code export}) that cannot be recorded answers {@code 503} problem+json
 *       instead of its data: no health data leaves without its trace;</li>
 *   <li>a write already happened when it is recorded; its answer stays as it is (a 503 would make the client
 *       repeat a write that succeeded), and the failure is counted and logged with the record's ids.</li>
 * </ul>
 * A call without a valid token has no clinic the trail could belong to (its claims are not to be believed):
 * it is counted, not recorded.
 */
public class AuditFilter {

    private static final Map<Method, String> OPERATIONS = new ConcurrentHashMap<>();

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    AuditRecorder recorder;

    @Inject
    AuditConfig config;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
                            ResourceInfo resource, HttpServerRequest http) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().chain(identity -> {
            String clinic = identity == null || identity.isAnonymous() ? null
                    : identity.getAttribute(Caller.CLINIC_ATTRIBUTE);
            if (clinic == null) {
                recorder.unattributed(response.getStatus());
                return Uni.createFrom().voidItem();
            }
            AccessRecorded record = record(audited, method, resource, request, response, http, identity, clinic);
            return recorder.record(record).invoke(recorded -> {
                if (!recorded && audited.action().isRead()) {
                    refuse(response, request);
                }
            }).replaceWithVoid();
        });
    }

    private AccessRecorded record(Audited audited, Method method, ResourceInfo resource,
                                  ContainerRequestContext request, ContainerResponseContext response,
                                  HttpServerRequest http, SecurityIdentity identity, String clinic) {
        var pathParams = request.getUriInfo().getPathParameters();
        boolean answered = response.getStatus() < 300;
        String created = response.getStatus() == 201
                ? AccessFacts.idFromLocation(response.getHeaderString(HttpHeaders.LOCATION)) : null;
        String wearer = null;
        if (Audited.CREATED.equals(audited.wearer())) {
            wearer = created;
        } else if (!audited.wearer().isEmpty()) {
            String named = pathParams.containsKey(audited.wearer()) ? pathParams.getFirst(audited.wearer())
                    : request.getUriInfo().getQueryParameters().getFirst(audited.wearer());
            wearer = AccessFacts.id(named);
        }
        if (wearer == null && answered) {
            wearer = AccessFacts.wearerOf(response.getEntity());
        }
        // A wearer reaches only their own data: what they were answered is theirs (a refusal is not).
        if (wearer == null && answered && identity.getRoles().equals(java.util.Set.of(Roles.WEARER))) {
            wearer = AccessFacts.id(identity.getPrincipal().getName());
        }
        String id = audited.id().isEmpty() ? null : AccessFacts.id(pathParams.getFirst(audited.id()));
        if (id == null) {
            id = created;
        }
        Integer count = answered ? AccessFacts.itemCount(response.getEntity()) : null;
        SocketAddress peer = http.remoteAddress();
        String operation = OPERATIONS.computeIfAbsent(method, m -> AccessFacts.operation(request.getMethod(),
                pathOf(resource.getResourceClass().getAnnotation(Path.class)), pathOf(m.getAnnotation(Path.class))));
        return new AccessRecorded(AuditEvents.newRecordId(service), clinic, service, Instant.now(),
                identity.getPrincipal().getName(), AccessFacts.role(identity.getRoles()), wearer, audited.action(),
                audited.resource(), operation, id, count, response.getStatus(),
                AccessFacts.clientAddress(peer == null ? "unknown" : peer.hostAddress(),
                        request.getHeaderString("X-Forwarded-For"), config.trustedProxies()),
                AccessFacts.userAgent(request.getHeaderString(HttpHeaders.USER_AGENT)),
                AccessFacts.requestId(request.getHeaderString("X-Request-Id")));
    }

    private static void refuse(ContainerResponseContext response, ContainerRequestContext request) {
        response.getHeaders().clear();
        response.setStatus(503);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, "5");
        response.setEntity(new Problem("about:blank", "Service Unavailable", 503,
                        "the access could not be recorded in the audit trail; nothing was disclosed, try again",
                        request.getUriInfo().getPath(), null),
                null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }

    private static String pathOf(Path path) {
        return path == null ? "" : path.value();
    }
}
