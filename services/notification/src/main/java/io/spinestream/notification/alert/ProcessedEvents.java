package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The CloudEvent ids a consumer has already handled, so that a redelivered event is dropped. */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    @Inject
    IntakeConfig config;

    /**
     * Records the ids within the current transaction, in one statement; answers those that are new
     * (this consumer handled the others before). Rolled back with the transaction, so a failed
     * handling is retried. Rows are inserted in id order, so that two transactions over overlapping
     * ids wait for each other instead of deadlocking.
     */
    public Uni<Set<String>> markNewAll(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] ids = new TreeSet<>(eventIds).toArray(String[]::new);
        // Flush first: a native statement must not trigger Hibernate's blocking auto-flush.
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .<String>createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) "
                        + "SELECT ?1, id, now() FROM unnest(CAST(?2 AS text[])) AS t(id) "
                        + "ON CONFLICT DO NOTHING RETURNING event_id")
                .setParameter(1, consumer)
                .setParameter(2, ids)
                .getResultList()
                .map(Set::copyOf)));
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
