package io.spinestream.notification.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.AlertStateChanged;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox: {@link #append} stores an event in the caller's transaction;
 * {@link #relay} publishes stored events in order and deletes them once the broker acknowledged
 * them. At-least-once: a crash between the acknowledgement and the delete publishes an event
 * again, with the same id, which consumers drop.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Channel of the alert lifecycle events (topic mapped in application.properties). */
    public static final String ALERT_LIFECYCLE = "alert-lifecycle";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The PostgreSQL advisory lock a relay holds while it publishes: one relay at a time across all
     * instances keeps each key's events in their commit order. Whoever holds it keeps events in the outbox.
     */
    public static final long RELAY_LOCK = 0x5350494e45L;
    private static final int BATCH = 100;

    @Inject
    @Channel(ALERT_LIFECYCLE)
    MutinyEmitter<Event<AlertStateChanged>> lifecycle;

    @Inject
    Vertx vertx;

    @Inject
    OutboxConfig config;

    /** Stores the event for publication on {@code channel}, within the current transaction. */
    public Uni<Void> append(String channel, String key, Event<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.channel = channel;
        row.recordKey = key;
        row.cloudEvent = new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8);
        row.createdAt = Instant.now();
        return Panache.getSession().chain(session -> session.persist(row));
    }

    /** Publishes soon: called after a transaction that appended events committed. */
    public void kick() {
        SafeContext.run(vertx, this::relay).subscribe().with(
                ignored -> { },
                failure -> LOG.debugf("outbox relay deferred to the next pass: %s", failure.getMessage()));
    }

    @Scheduled(every = "${spinestream.notification.outbox.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRelay() {
        return relay().onFailure().recoverWithItem(failure -> {
            LOG.warnf("outbox relay failed, will retry: %s", failure.getMessage());
            return null;
        });
    }

    /** Publishes pending events, oldest first; returns when they are acknowledged and removed. */
    public Uni<Void> relay() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                // A row only if the lock was free, counted by a native update: a native query read for its rows
                // caches a new plan on each call in Hibernate 7.2, all under one hash (issue #9).
                .createNativeQuery("SELECT 1 WHERE pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
                .executeUpdate()
                .chain(locked -> locked == 0 ? Uni.createFrom().voidItem() : session
                        .createSelectionQuery("from OutboxEvent e order by e.createdAt, e.id", OutboxEvent.class)
                        .setMaxResults(BATCH)
                        .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                        .getResultList()
                        .chain(rows -> publishAll(rows).chain(() -> deleteAll(session, rows))))));
    }

    private Uni<Void> publishAll(List<OutboxEvent> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> publish(OutboxEvent row) {
        Event<?> event = CloudEventCodec.decode(row.cloudEvent.getBytes(StandardCharsets.UTF_8));
        if (!ALERT_LIFECYCLE.equals(row.channel) || !(event.data() instanceof AlertStateChanged)) {
            return Uni.createFrom().failure(new IllegalStateException("no outgoing channel " + row.channel
                    + " for " + event.type().type()));
        }
        Message<Event<AlertStateChanged>> message = Message.of((Event<AlertStateChanged>) event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(row.recordKey).build());
        return lifecycle.sendMessage(message).ifNoItem().after(config.publishTimeout()).fail();
    }

    private static Uni<Void> deleteAll(org.hibernate.reactive.mutiny.Mutiny.Session session, List<OutboxEvent> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(session::remove)
                .collect().last().replaceWithVoid();
    }
}
