package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.spinestream.notification.support.SafeContext;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives this instance's {@link DeliveryWorker}: new deliveries it claimed while they were stored
 * ({@link #handoff()}) are attempted as soon as their transaction committed ({@link #dispatch}),
 * anything else by a pass on every tick, or at once when new deliveries were committed
 * ({@link #wake()}), so a healthy receiver hears of an alert within milliseconds.
 */
@ApplicationScoped
public class DeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class);
    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookSender sender;

    @Inject
    DigestSealer digests;

    @Inject
    EndpointDisabler disabler;

    @Inject
    WebhookMetrics metrics;

    @Inject
    EndpointSecrets secrets;

    @Inject
    InstantSource clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean starved = new AtomicBoolean();
    private DeliveryWorker worker;

    @PostConstruct
    void init() {
        worker = newWorker("dispatcher-" + UUID.randomUUID(), clock);
        worker.onRetryScheduled(this::wakeAt);
        // A pass held back by the in-flight limit goes on as soon as an attempt frees a place, not at the next tick.
        worker.onAttemptDone(() -> {
            if (starved.compareAndSet(true, false)) {
                wake();
            }
        });
    }

    // Retries due sooner than the next tick (first retries, short schedules) should not wait for it.
    private void wakeAt(Instant at) {
        long delayMs = Duration.between(clock.instant(), at).toMillis();
        if (delayMs <= SOON.toMillis()) {
            vertx.setTimer(Math.max(1, delayMs), id -> wake());
        }
    }

    /**
     * A worker over the same queue with its own clock, as another instance (or this one after a
     * restart) would run it.
     */
    public DeliveryWorker newWorker(String name, InstantSource workerClock) {
        WebhookConfig.Retry retry = config.retry();
        RetrySchedule schedule = new RetrySchedule(retry.schedule(), retry.jitter(), retry.maxRetryAfter(),
                new SecureRandom());
        return new DeliveryWorker(name, workerClock, vertx, config, schedule, sender, digests, disabler, metrics,
                secrets);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped.set(true);
    }

    /**
     * For a transaction about to create deliveries: claims them for this instance as they are
     * created, up to its free in-flight capacity (none when dispatching is switched off here).
     */
    public DeliveryHandoff handoff() {
        if (!config.dispatcher().enabled() || stopped.get()) {
            return DeliveryHandoff.none();
        }
        int capacity = Math.max(0, config.dispatcher().maxInFlight() - worker.inFlight());
        return new DeliveryHandoff(capacity, clock.instant().plus(config.dispatcher().lease()), secrets);
    }

    /**
     * Once the transaction of {@code handoff} committed: attempts what it claimed at once, and runs
     * a pass for whatever it left to the queue.
     */
    public void dispatch(DeliveryHandoff handoff) {
        if (!handoff.claims().isEmpty()) {
            worker.start(handoff.claims());
        }
        if (handoff.leftSome()) {
            wake();
        }
    }

    /** Runs a pass soon, unless dispatching is switched off on this instance. */
    public void wake() {
        if (!config.dispatcher().enabled() || stopped.get()) {
            return;
        }
        wakeRequested.set(true);
        if (running.compareAndSet(false, true)) {
            wakeRequested.set(false);
            worker.runOnce().subscribe().with(pass -> {
                if (pass.atCapacity()) {
                    starved.set(true);
                }
                running.set(false);
                // A full batch means more is due; a wake during the pass means new deliveries; a place freed
                // while the pass ended (its attempt saw no starved pass yet) means room for more.
                if (pass.claimed() >= config.dispatcher().batchSize() || wakeRequested.get()
                        || (pass.atCapacity() && worker.inFlight() < config.dispatcher().maxInFlight()
                        && starved.compareAndSet(true, false))) {
                    wake();
                }
            }, failure -> {
                running.set(false);
                if (!stopped.get()) {
                    LOG.warnf("webhook dispatch pass failed, next tick retries: %s", failure.getMessage());
                }
            });
        }
    }

    @Scheduled(every = "${spinestream.notification.webhooks.dispatcher.poll-interval:1s}", delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        wake();
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measureQueue() {
        return SafeContext.run(vertx, () -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNamedQuery(WebhookDelivery.QUEUE_DEPTH, Object[].class)
                        .getSingleResult())))
                .invoke(row -> metrics.queue(((Number) row[0]).longValue(), ((Number) row[1]).longValue()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
