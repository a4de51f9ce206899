package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.notification.support.SafeContext;
import io.vertx.core.Vertx;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Works the durable delivery queue in PostgreSQL. A pass seals due digests, claims due
 * deliveries with a lease ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same one),
 * and attempts them; each outcome is written back (success, next attempt, dead letter) only if
 * the lease still holds. Holds no schedule in memory: a worker that dies leaves its deliveries to
 * whichever worker claims them once their lease ran out, and they keep their webhook id.
 */
public final class DeliveryWorker {

    /**
     * What a pass claimed; {@link #completion()} ends when all its attempts were recorded.
     * {@code atCapacity}: the in-flight limit, not the queue, bounded it, so more may be due.
     */
    public record Pass(int claimed, boolean atCapacity, Uni<Void> completion) {
    }

    /** A claimed delivery with what its attempt needs, read in the claiming transaction. */
    record Claim(String deliveryId, String endpointId, String leaseToken, String webhookId, String body, String url,
                 boolean enabled, List<String> secrets) {
    }

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final String name;
    private final InstantSource clock;
    private final Vertx vertx;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final WebhookSender sender;
    private final DigestSealer digests;
    private final EndpointDisabler disabler;
    private final WebhookMetrics metrics;
    private final EndpointSecrets secrets;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Consumer<Instant> onRetryScheduled = at -> { };
    private volatile Runnable onAttemptDone = () -> { };

    DeliveryWorker(String name, InstantSource clock, Vertx vertx, WebhookConfig config, RetrySchedule schedule,
                   WebhookSender sender, DigestSealer digests, EndpointDisabler disabler, WebhookMetrics metrics,
                   EndpointSecrets secrets) {
        this.name = name;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config;
        this.schedule = schedule;
        this.sender = sender;
        this.digests = digests;
        this.disabler = disabler;
        this.metrics = metrics;
        this.secrets = secrets;
    }

    /** Called with the time of each retry this worker schedules, once it is stored. */
    void onRetryScheduled(Consumer<Instant> listener) {
        this.onRetryScheduled = listener;
    }

    /** Called each time an attempt was recorded (or given up) and its in-flight place freed. */
    void onAttemptDone(Runnable listener) {
        this.onAttemptDone = listener;
    }

    /** Attempts started by this worker and not yet recorded. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * One pass: seal due digests, claim what is due (up to the free in-flight capacity) and start
     * the attempts. Completes once claimed; the attempts run on.
     */
    public Uni<Pass> runOnce() {
        Instant now = clock.instant();
        int free = config.dispatcher().maxInFlight() - inFlight.get();
        int capacity = Math.min(config.dispatcher().batchSize(), free);
        return SafeContext.run(vertx, () -> digests.sealDue(now))
                .chain(() -> capacity <= 0 ? Uni.createFrom().item(List.<Claim>of())
                        : SafeContext.run(vertx, () -> claim(now, capacity)))
                .map(claims -> {
                    List<CompletableFuture<Void>> attempts = new ArrayList<>();
                    for (Claim claim : claims) {
                        attempts.add(attempt(claim).subscribeAsCompletionStage());
                    }
                    Uni<Void> completion = Uni.createFrom().completionStage(
                            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)));
                    return new Pass(claims.size(), free <= config.dispatcher().batchSize() && claims.size() >= capacity,
                            completion);
                });
    }

    /** Attempts deliveries claimed elsewhere for this worker (a {@link DeliveryHandoff}), now. */
    void start(List<Claim> claims) {
        for (Claim claim : claims) {
            attempt(claim).subscribe().with(ignored -> { }, failure -> { });
        }
    }

    private Uni<List<Claim>> claim(Instant now, int limit) {
        Instant leaseUntil = now.plus(config.dispatcher().lease());
        // HQL, not a native query read for its rows: those cache a new plan on each call in Hibernate 7.2, all
        // under one hash, which slowed every later lookup of the statement (issue #9).
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("from WebhookDelivery d where d.status = 'pending' and d.nextAttemptAt <= :now "
                        + "and (d.leaseUntil is null or d.leaseUntil <= :now) order by d.nextAttemptAt, d.id",
                        WebhookDelivery.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList()
                .chain(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<Claim>of())
                        : endpointsOf(session, deliveries).map(endpoints -> {
                            List<Claim> claims = new ArrayList<>();
                            for (WebhookDelivery delivery : deliveries) {
                                String token = UUID.randomUUID().toString();
                                delivery.leaseOwner = token;
                                delivery.leaseUntil = leaseUntil;
                                WebhookEndpoint endpoint = endpoints.get(delivery.endpointId);
                                claims.add(new Claim(delivery.id, endpoint.id, token, delivery.webhookId,
                                        delivery.body, endpoint.url, endpoint.enabled, signingSecrets(endpoint, now)));
                            }
                            return claims;
                        }))));
    }

    private static Uni<Map<String, WebhookEndpoint>> endpointsOf(Mutiny.Session session,
                                                                List<WebhookDelivery> deliveries) {
        List<String> ids = deliveries.stream().map(d -> d.endpointId).distinct().toList();
        return session.createNamedQuery(WebhookEndpoint.BY_IDS, WebhookEndpoint.class)
                .setParameter("ids", ids)
                .getResultList()
                .map(found -> {
                    Map<String, WebhookEndpoint> byId = new LinkedHashMap<>();
                    found.forEach(e -> byId.put(e.id, e));
                    return byId;
                });
    }

    /** The secrets signing a delivery now; null (the attempt then fails) if one cannot be decrypted. */
    private List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        try {
            return secrets.signingSecrets(endpoint, now);
        } catch (SecretCipher.UnreadableSecretException e) {
            LOG.errorf("%s cannot sign for webhook endpoint %s: its secret %s", name, endpoint.id, e.getMessage());
            return null;
        }
    }

    private Uni<Void> attempt(Claim claim) {
        inFlight.incrementAndGet();
        Instant started = clock.instant();
        Uni<SendResult> send = !claim.enabled() ? Uni.createFrom().nullItem()
                : claim.secrets() == null ? Uni.createFrom().item(new SendResult(SendResult.Outcome.SECRET_UNREADABLE,
                        null, null, 0, "the endpoint's signing secret cannot be decrypted with the configured keys"))
                : sender.post(claim.url(), headers(claim), claim.body());
        return send
                .chain(result -> SafeContext.run(vertx, () -> Panache.withTransaction(() -> record(claim, started, result))))
                .invoke(nextAttempt -> {
                    if (nextAttempt != null) {
                        onRetryScheduled.accept(nextAttempt);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("%s could not record an attempt of delivery %s; it is retried "
                        + "when its lease ends: %s", name, claim.deliveryId(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    inFlight.decrementAndGet();
                    onAttemptDone.run();
                })
                .replaceWithVoid();
    }

    private static Map<String, String> headers(Claim claim) {
        // The receiver checks the timestamp against its own clock: always the real time of this attempt.
        long timestamp = System.currentTimeMillis() / 1000;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "spinestream-webhooks/1");
        headers.put("webhook-id", claim.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.header(claim.secrets(), claim.webhookId(), timestamp, claim.body()));
        return headers;
    }

    /**
     * Writes the outcome back; the time of the next attempt when one is scheduled, else null.
     * Outcomes of one endpoint are written one at a time (endpoint row locked first, then the
     * delivery), so one that disables the endpoint is never overwritten by another read before it.
     */
    private Uni<Instant> record(Claim claim, Instant started, SendResult result) {
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session
                .find(WebhookEndpoint.class, claim.endpointId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(endpoint -> endpoint == null ? Uni.createFrom().<Locked>nullItem()
                        : session.find(WebhookDelivery.class, claim.deliveryId(), LockModeType.PESSIMISTIC_WRITE)
                        .map(delivery -> delivery == null ? null : new Locked(endpoint, delivery)))
                .chain(locked -> {
                    WebhookDelivery delivery = locked == null ? null : locked.delivery();
                    if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status)
                            || !claim.leaseToken().equals(delivery.leaseOwner)) {
                        // Lease lost (this worker was too slow and another took over): that one records it.
                        return Uni.createFrom().nullItem();
                    }
                    delivery.leaseOwner = null;
                    delivery.leaseUntil = null;
                    if (result == null) {
                        deadLetter(delivery, now, "endpoint disabled");
                        return Uni.createFrom().nullItem();
                    }
                    metrics.attempt(result.outcome());
                    delivery.attempts++;
                    delivery.lastAttemptAt = started;
                    delivery.lastStatusCode = result.statusCode();
                    delivery.lastError = EndpointDisabler.truncate(result.error());
                    return session.persist(attemptRow(delivery, started, result))
                            .chain(() -> settle(delivery, locked.endpoint(), started, now, result))
                            .map(ignored -> delivery.nextAttemptAt);
                }));
    }

    private record Locked(WebhookEndpoint endpoint, WebhookDelivery delivery) {
    }

    private Uni<Void> settle(WebhookDelivery delivery, WebhookEndpoint endpoint, Instant started, Instant now,
                             SendResult result) {
        if (result.succeeded()) {
            delivery.status = WebhookDelivery.SUCCEEDED;
            delivery.completedAt = now;
            delivery.nextAttemptAt = null;
            endpoint.failingSince = null;
            metrics.succeeded();
            return Uni.createFrom().voidItem();
        }
        if (Integer.valueOf(410).equals(result.statusCode())) {
            deadLetter(delivery, now, "the receiver answered 410 Gone");
            return disabler.disableFailing(endpoint, "the receiver answered 410 Gone", true, now, delivery.id);
        }
        if (!endpoint.enabled) {
            // Disabled while this attempt was under way: no retry to an endpoint out of service.
            deadLetter(delivery, now, "endpoint disabled");
            return Uni.createFrom().voidItem();
        }
        if (endpoint.failingSince == null) {
            endpoint.failingSince = started;
        }
        if (Duration.between(endpoint.failingSince, now).compareTo(config.disableAfter()) >= 0) {
            String reason = "every attempt failed since " + endpoint.failingSince;
            deadLetter(delivery, now, "endpoint disabled: " + reason);
            return disabler.disableFailing(endpoint, reason, false, now, delivery.id);
        }
        if (schedule.exhausted(delivery.attempts)) {
            deadLetter(delivery, now, "no success after " + delivery.attempts + " attempts");
        } else {
            delivery.nextAttemptAt = now.plus(schedule.pauseAfter(delivery.attempts, result.retryAfter()));
        }
        return Uni.createFrom().voidItem();
    }

    private void deadLetter(WebhookDelivery delivery, Instant now, String reason) {
        delivery.status = WebhookDelivery.DEAD_LETTERED;
        delivery.deadLetterReason = reason;
        delivery.completedAt = now;
        delivery.nextAttemptAt = null;
        metrics.deadLettered(1);
    }

    private static WebhookAttempt attemptRow(WebhookDelivery delivery, Instant started, SendResult result) {
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = delivery.id;
        attempt.endpointId = delivery.endpointId;
        attempt.attempt = delivery.attempts;
        attempt.startedAt = started;
        attempt.durationMs = result.durationMs();
        attempt.statusCode = result.statusCode();
        attempt.outcome = result.outcome().tag();
        attempt.error = EndpointDisabler.truncate(result.error());
        return attempt;
    }
}
