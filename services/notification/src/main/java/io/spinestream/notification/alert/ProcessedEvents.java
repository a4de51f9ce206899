package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/** The CloudEvent ids a consumer has already handled, so that a redelivered event is dropped. */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    @Inject
    IntakeConfig config;

    /**
     * Records the id within the current transaction; true if it is new, false if this consumer
     * has handled it before. Rolled back with the transaction, so a failed handling is retried.
     */
    public Uni<Boolean> markNew(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) "
                        + "VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOldIds() {
        Instant before = Instant.now().minus(config.dedupRetention());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                        .setParameter(1, before)
                        .executeUpdate()))
                .invoke(deleted -> LOG.debugf("forgot %d processed event ids", deleted))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not prune processed event ids: %s", failure.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }
}
