package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.spinestream.notification.support.SafeContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Deletes finished deliveries older than the log's retention, with their attempts: the log holds
 * alert payloads, health data that must not be kept longer than it is useful.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);
    // Bounded batches keep each transaction short on a large backlog.
    private static final int BATCH = 5000;

    @Inject
    WebhookConfig config;

    @Inject
    InstantSource clock;

    @Inject
    Vertx vertx;

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return pruneBefore(clock.instant().minus(config.logRetention()))
                .invoke(deleted -> LOG.debugf("deleted %d finished deliveries past the log's retention", deleted))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not prune the delivery log: %s", failure.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Deletes finished deliveries completed before {@code before}; returns how many. Callable from any thread. */
    Uni<Integer> pruneBefore(Instant before) {
        return SafeContext.run(vertx, () -> pruneBatch(before))
                .chain(deleted -> deleted < BATCH ? Uni.createFrom().item(deleted)
                        : pruneBefore(before).map(more -> deleted + more));
    }

    private Uni<Integer> pruneBatch(Instant before) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery "
                                + "WHERE status <> 'pending' AND completed_at < ?1 LIMIT " + BATCH + ")")
                        .setParameter(1, before)
                        .executeUpdate()));
    }
}
