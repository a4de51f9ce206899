package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.notification.support.PageCursor;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.spinestream.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An endpoint's delivery log (attempts, status, latency, response code) and replays. */
@Path("/v1/webhooks/endpoints/{endpointId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.INTEGRATOR, Roles.CLINIC_ADMIN})
public class WebhookDeliveryResource {

    @Inject
    Caller caller;

    @Inject
    WebhookEndpointRepository endpoints;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryScheduler scheduler;

    @Inject
    InstantSource clock;

    @GET
    @WithSession
    @Operation(summary = "The endpoint's deliveries, newest first; filter by status (dead_lettered for the "
            + "dead-letter queue), event type and creation time")
    @Audited(resource = "webhook_delivery", action = AuditAction.READ)
    public Uni<DeliveryPage> list(@PathParam("endpointId") String endpointId, @Valid @BeanParam DeliveryQuery query) {
        String clinic = caller.clinicId();
        Instant since = instant("since", query.since);
        Instant until = instant("until", query.until);
        PageCursor after = query.cursor == null ? null : PageCursor.decode(query.cursor);
        StringBuilder where = new StringBuilder("endpointId = :endpoint and clinicId = :clinic");
        Parameters parameters = Parameters.with("endpoint", endpointId).and("clinic", clinic);
        if (query.status != null) {
            where.append(" and status = :status");
            parameters.and("status", query.status);
        }
        if (query.eventType != null) {
            where.append(" and eventType = :type");
            parameters.and("type", query.eventType);
        }
        if (since != null) {
            where.append(" and createdAt >= :since");
            parameters.and("since", since);
        }
        if (until != null) {
            where.append(" and createdAt < :until");
            parameters.and("until", until);
        }
        if (after != null) {
            where.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", after.at()).and("afterId", after.id());
        }
        return owned(clinic, endpointId)
                .chain(() -> deliveries.newestFirst(where.toString(), parameters, query.limit + 1))
                .chain(found -> latencies(found).map(latency -> {
                    boolean more = found.size() > query.limit;
                    List<WebhookDelivery> shown = more ? found.subList(0, query.limit) : found;
                    String next = more ? new PageCursor(shown.get(shown.size() - 1).createdAt,
                            shown.get(shown.size() - 1).id).encode() : null;
                    return new DeliveryPage(shown.stream().map(d -> DeliveryView.of(d, latency.get(d.id))).toList(),
                            next);
                }));
    }

    @GET
    @Path("{deliveryId}")
    @WithSession
    @Operation(summary = "One delivery with its payload and every attempt")
    @Audited(resource = "webhook_delivery", action = AuditAction.READ, id = "deliveryId")
    public Uni<DeliveryView> get(@PathParam("endpointId") String endpointId,
                                 @PathParam("deliveryId") String deliveryId) {
        String clinic = caller.clinicId();
        return delivery(clinic, endpointId, deliveryId, false).chain(delivery -> Panache.getSession().chain(session -> session
                .createNamedQuery(WebhookAttempt.OF_DELIVERY, WebhookAttempt.class)
                .setParameter("id", delivery.id)
                .getResultList()
                .map(attempts -> DeliveryView.of(delivery, attempts.isEmpty() ? null
                                : attempts.get(attempts.size() - 1).durationMs)
                        .withDetail(delivery.body, attempts.stream().map(AttemptView::of).toList()))));
    }

    @POST
    @Path("{deliveryId}/replay")
    @Operation(summary = "Send a finished delivery again (same webhook-id and payload, a new schedule)")
    @Audited(resource = "webhook_delivery", action = AuditAction.EXPORT, id = "deliveryId")
    public Uni<Response> replay(@PathParam("endpointId") String endpointId,
                                @PathParam("deliveryId") String deliveryId) {
        String clinic = caller.clinicId();
        Instant now = clock.instant();
        // The original is locked (shared) while it is copied: an erasure of its wearer waits for the copy and
        // deletes it too, or goes first and the original is gone.
        return Panache.withTransaction(() -> enabledEndpoint(clinic, endpointId)
                        .chain(() -> delivery(clinic, endpointId, deliveryId, true))
                        .chain(original -> {
                            if (WebhookDelivery.PENDING.equals(original.status)) {
                                throw ProblemException.conflict("delivery " + deliveryId + " is still pending");
                            }
                            WebhookDelivery copy = new WebhookDelivery();
                            copy.id = "dlv_" + java.util.UUID.randomUUID();
                            copy.endpointId = original.endpointId;
                            copy.clinicId = original.clinicId;
                            copy.webhookId = original.webhookId;
                            copy.eventType = original.eventType;
                            copy.body = original.body;
                            copy.wearerId = original.wearerId;
                            copy.status = WebhookDelivery.PENDING;
                            copy.nextAttemptAt = now;
                            copy.createdAt = now;
                            copy.replayOf = original.id;
                            return Panache.getSession().chain(s -> s.persist(copy)).replaceWith(copy);
                        }))
                .invoke(scheduler::wake)
                .map(copy -> Response.accepted(DeliveryView.of(copy, null)).build());
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send again every finished delivery created in [since, until), once per message")
    @Audited(resource = "webhook_delivery", action = AuditAction.EXPORT)
    public Uni<Response> replayRange(@PathParam("endpointId") String endpointId,
                                     @Valid @NotNull ReplayRangeRequest request) {
        if (!request.since().isBefore(request.until())) {
            throw ProblemException.invalidField("until", "order", "must be after since");
        }
        String clinic = caller.clinicId();
        Instant now = clock.instant();
        String firstStatus = request.status() == null ? WebhookDelivery.SUCCEEDED : request.status();
        String secondStatus = request.status() == null ? WebhookDelivery.DEAD_LETTERED : request.status();
        // The latest finished delivery of each message in the range; a message replayed before goes once.
        String latest = "SELECT DISTINCT ON (webhook_id) * FROM webhook_delivery WHERE endpoint_id = ?1 "
                + "AND clinic_id = ?2 AND created_at >= ?3 AND created_at < ?4 AND status IN (?5, ?6) "
                + "ORDER BY webhook_id, created_at DESC";
        // Copied under a shared lock: an erasure of a wearer among them waits for the copies and deletes them
        // too, or goes first and its deliveries are no longer there to copy.
        String locked = "SELECT * FROM webhook_delivery WHERE id IN (SELECT id FROM (" + latest + ") l) FOR SHARE";
        return Panache.withTransaction(() -> enabledEndpoint(clinic, endpointId).chain(() -> Panache.getSession()
                        .chain(session -> session.<Long>createNativeQuery("SELECT count(*) FROM (" + latest + ") l")
                                .setParameter(1, endpointId).setParameter(2, clinic)
                                .setParameter(3, request.since()).setParameter(4, request.until())
                                .setParameter(5, firstStatus).setParameter(6, secondStatus)
                                .getSingleResult()
                                .chain(count -> {
                                    if (count > config.maxReplay()) {
                                        throw ProblemException.invalidField("since", "range", "the range holds "
                                                + count + " deliveries; replay at most " + config.maxReplay()
                                                + " at once");
                                    }
                                    return session.createNativeQuery("INSERT INTO webhook_delivery (id, endpoint_id, "
                                                    + "clinic_id, webhook_id, event_type, body, wearer_id, status, "
                                                    + "attempts, next_attempt_at, replay_of, created_at) "
                                                    + "SELECT 'dlv_' || gen_random_uuid(), endpoint_id, clinic_id, "
                                                    + "webhook_id, event_type, body, wearer_id, 'pending', 0, ?7, id, ?7 "
                                                    + "FROM (" + locked + ") l")
                                            .setParameter(1, endpointId).setParameter(2, clinic)
                                            .setParameter(3, request.since()).setParameter(4, request.until())
                                            .setParameter(5, firstStatus).setParameter(6, secondStatus)
                                            .setParameter(7, now)
                                            .executeUpdate();
                                }))))
                .invoke(scheduler::wake)
                .map(replayed -> Response.accepted(new ReplayResult(replayed)).build());
    }

    private Uni<Map<String, Long>> latencies(List<WebhookDelivery> page) {
        List<String> ids = page.stream().filter(d -> d.attempts > 0).map(d -> d.id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session
                .createNamedQuery(WebhookAttempt.LAST_DURATIONS, Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .map(rows -> {
                    Map<String, Long> latency = new HashMap<>();
                    rows.forEach(row -> latency.put((String) row[0], ((Number) row[1]).longValue()));
                    return latency;
                }));
    }

    private Uni<WebhookEndpoint> owned(String clinic, String endpointId) {
        return endpoints.findInClinic(clinic, endpointId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("webhook endpoint " + endpointId));
    }

    private Uni<WebhookEndpoint> enabledEndpoint(String clinic, String endpointId) {
        return owned(clinic, endpointId).invoke(endpoint -> {
            if (!endpoint.enabled) {
                throw ProblemException.conflict("webhook endpoint " + endpointId + " is disabled; enable it first");
            }
        });
    }

    /** The clinic's delivery of the endpoint; with {@code share}, locked against deletion until the transaction ends. */
    private Uni<WebhookDelivery> delivery(String clinic, String endpointId, String deliveryId, boolean share) {
        return Panache.getSession().chain(session -> session
                .createNamedQuery(WebhookDelivery.IN_ENDPOINT, WebhookDelivery.class)
                .setParameter("id", deliveryId)
                .setParameter("endpoint", endpointId)
                .setParameter("clinic", clinic)
                .setLockMode(share ? LockModeType.PESSIMISTIC_READ : LockModeType.NONE)
                .getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("delivery " + deliveryId));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "format", "must be an RFC 3339 instant, e.g. 2026-11-20T10:15:30Z");
        }
    }
}
