package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The CloudEvent ids a consumer has already handled, so that a redelivered event is dropped. */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    @Inject
    IntakeConfig config;

    /**
     * Records the ids within the current transaction; answers those that are new (this consumer
     * handled the others before). Rolled back with the transaction, so a failed handling is
     * retried. Should another transaction record one of them meanwhile (an instance taking over the
     * partition), this one fails and is retried.
     */
    public Uni<Set<String>> markNewAll(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // Selects in HQL and writes with a native update: a native query read for its rows caches a new
        // plan on each call in Hibernate 7.2 (all under one hash), which slowed every later lookup (issue #9).
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select p.eventId from ProcessedEvent p where p.consumer = :consumer "
                        + "and p.eventId in :ids", String.class)
                .setParameter("consumer", consumer)
                .setParameter("ids", List.copyOf(eventIds))
                .getResultList()
                .chain(seen -> {
                    // In id order, so that two transactions over overlapping ids wait instead of deadlocking.
                    TreeSet<String> fresh = new TreeSet<>(eventIds);
                    fresh.removeAll(seen);
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(Set.<String>of());
                    }
                    return session.createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) "
                                    + "SELECT ?1, id, now() FROM unnest(CAST(?2 AS text[])) WITH ORDINALITY AS t(id, n) "
                                    + "ORDER BY n ON CONFLICT DO NOTHING")
                            .setParameter(1, consumer)
                            .setParameter(2, fresh.toArray(String[]::new))
                            .executeUpdate()
                            .map(inserted -> {
                                if (inserted != fresh.size()) {
                                    throw new ConcurrentlyProcessedException(consumer);
                                }
                                return Set.copyOf(fresh);
                            });
                }));
    }

    /** Another transaction recorded some of the same events meanwhile; retrying tells them apart. */
    static final class ConcurrentlyProcessedException extends RuntimeException {
        ConcurrentlyProcessedException(String consumer) {
            super("events of consumer " + consumer + " were recorded concurrently; retrying");
        }
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
