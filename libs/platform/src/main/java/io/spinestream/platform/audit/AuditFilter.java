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
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

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
 * A stream (a live feed) is recorded as opened before it starts ({@link #beforeStream}), as no response filter
 * can hold what it sends.
 * A call without a valid token has no clinic the trail could belong to (its claims are not to be believed):
 * it is counted, not recorded.
 */
public class AuditFilter {

    private static final Map<Method, String> OPERATIONS = new ConcurrentHashMap<>();
    private static final String UNRECORDED =
            "the access could not be recorded in the audit trail; nothing was disclosed, try again";
    private static final String RETRY_AFTER_SECONDS = "5";

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
        // a stream that was answered was recorded before it started (beforeStream)
        if (audited == null || (streams(method) && response.getStatus() < 400)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().chain(identity -> {
            String clinic = clinicOf(identity);
            if (clinic == null) {
                recorder.unattributed(response.getStatus());
                return Uni.createFrom().voidItem();
            }
            AccessRecorded record = record(audited, method, resource, request, http, identity, clinic,
                    response.getStatus(), response.getHeaderString(HttpHeaders.LOCATION), response.getEntity());
            return recorder.record(record).invoke(recorded -> {
                if (!recorded && audited.action().isRead()) {
                    refuse(response, request);
                }
            }).replaceWithVoid();
        });
    }

    /**
     * A stream (a live feed, an export written as it is read) sends its first bytes before any response filter
     * could hold them, so it is recorded as opened ({@code 200}) before the method runs, for a caller its roles
     * admit; a read that cannot be recorded does not start (503). A caller it refuses is recorded by
     * {@link #record} with the refusal.
     */
    @ServerRequestFilter
    public Uni<Response> beforeStream(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null || !streams(method)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().chain(identity -> {
            String clinic = clinicOf(identity);
            if (clinic == null || !admitted(method, resource.getResourceClass(), identity)) {
                return Uni.createFrom().<Response>nullItem();
            }
            AccessRecorded record = record(audited, method, resource, request, http, identity, clinic, 200, null, null);
            return recorder.record(record).map(recorded -> recorded || !audited.action().isRead() ? null
                    : Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .entity(unrecorded(request)).build());
        });
    }

    private static String clinicOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(Caller.CLINIC_ATTRIBUTE);
    }

    private static boolean streams(Method method) {
        return Flow.Publisher.class.isAssignableFrom(method.getReturnType());
    }

    /** Whether the method's {@code @RolesAllowed} (or its class's) admits the caller. */
    static boolean admitted(Method method, Class<?> resourceClass, SecurityIdentity identity) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resourceClass != null) {
            allowed = resourceClass.getAnnotation(RolesAllowed.class);
        }
        return allowed == null || Arrays.stream(allowed.value()).anyMatch(identity::hasRole);
    }

    private AccessRecorded record(Audited audited, Method method, ResourceInfo resource,
                                  ContainerRequestContext request, HttpServerRequest http, SecurityIdentity identity,
                                  String clinic, int status, String location, Object entity) {
        var pathParams = request.getUriInfo().getPathParameters();
        boolean answered = status < 300;
        String created = status == 201 ? AccessFacts.idFromLocation(location) : null;
        String wearer = null;
        if (Audited.CREATED.equals(audited.wearer())) {
            wearer = created;
        } else if (!audited.wearer().isEmpty()) {
            String named = pathParams.containsKey(audited.wearer()) ? pathParams.getFirst(audited.wearer())
                    : request.getUriInfo().getQueryParameters().getFirst(audited.wearer());
            wearer = AccessFacts.id(named);
        }
        if (wearer == null && answered) {
            wearer = AccessFacts.wearerOf(entity);
        }
        // A wearer reaches only their own data: what they were answered is theirs (a refusal is not).
        if (wearer == null && answered && identity.getRoles().equals(Set.of(Roles.WEARER))) {
            wearer = AccessFacts.id(identity.getPrincipal().getName());
        }
        String id = audited.id().isEmpty() ? null : AccessFacts.id(pathParams.getFirst(audited.id()));
        if (id == null) {
            id = created;
        }
        Integer count = answered ? AccessFacts.itemCount(entity) : null;
        SocketAddress peer = http.remoteAddress();
        String operation = OPERATIONS.computeIfAbsent(method, m -> AccessFacts.operation(request.getMethod(),
                pathOf(resource.getResourceClass().getAnnotation(Path.class)), pathOf(m.getAnnotation(Path.class))));
        return new AccessRecorded(AuditEvents.newRecordId(service), clinic, service, Instant.now(),
                identity.getPrincipal().getName(), AccessFacts.role(identity.getRoles()), wearer, audited.action(),
                audited.resource(), operation, id, count, status,
                AccessFacts.clientAddress(peer == null ? "unknown" : peer.hostAddress(),
                        request.getHeaderString("X-Forwarded-For"), config.trustedProxies()),
                AccessFacts.userAgent(request.getHeaderString(HttpHeaders.USER_AGENT)),
                AccessFacts.requestId(request.getHeaderString("X-Request-Id")));
    }

    private static void refuse(ContainerResponseContext response, ContainerRequestContext request) {
        response.getHeaders().clear();
        response.setStatus(503);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setEntity(unrecorded(request), null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }

    private static Problem unrecorded(ContainerRequestContext request) {
        return new Problem("about:blank", "Service Unavailable", 503, UNRECORDED, request.getUriInfo().getPath(), null);
    }

    private static String pathOf(Path path) {
        return path == null ? "" : path.value();
    }
}
