package io.spinestream.journal.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.JournalConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox: claims unpublished events (a lease, so that several instances share the
 * work and a crashed instance's claim expires), sends them in the order they were written, and
 * marks each one sent once Kafka acknowledged it. Whatever fails is retried after
 * {@code retry-delay}: delivery is at least once, and the deterministic event ids let consumers
 * drop the duplicates a retry may cause.
 *
 * <p>Runs right after each transaction that wrote events ({@link #wake()}) and on a poll, which
 * catches what a broker outage or a crash left behind.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            UPDATE outbox_event SET lease_until = now() + make_interval(secs => $1), attempts = attempts + 1
            WHERE event_id IN (
                SELECT event_id FROM outbox_event
                WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < now())
                ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING event_id, seq, event_type, record_key, payload""";
    private static final String MARK_SENT =
            "UPDATE outbox_event SET sent_at = now(), lease_until = NULL, last_error = NULL WHERE event_id = ANY($1)";
    private static final String MARK_FAILED = "UPDATE outbox_event SET lease_until = now() + make_interval(secs => $2),"
            + " last_error = $3 WHERE event_id = ANY($1)";
    private static final String PURGE =
            "DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final Map<TopicSpec<?, ?>, MutinyEmitter<Event<?>>> emitters;
    private final JournalConfig.Outbox config;
    private final Counter published;
    private final Counter failed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    @Inject
    public OutboxRelay(Pool pool,
                       @Channel("alerts-out") MutinyEmitter<Event<?>> alerts,
                       @Channel("wearer-profiles-out") MutinyEmitter<Event<?>> profiles,
                       @Channel("erasure-requests-out") MutinyEmitter<Event<?>> erasureRequests,
                       @Channel("erasure-receipts-out") MutinyEmitter<Event<?>> erasureReceipts,
                       JournalConfig config, MeterRegistry registry) {
        this.pool = pool;
        // Each channel is mapped to its registry topic in application.properties (ChannelTopicsTest).
        this.emitters = Map.of(Topics.ALERTS, alerts, Topics.WEARER_PROFILES, profiles,
                Topics.ERASURE_REQUESTS, erasureRequests, Topics.ERASURE_RECEIPTS, erasureReceipts);
        this.config = config.outbox();
        this.published = Counter.builder("journal.outbox.published")
                .description("events published from the outbox and acknowledged by Kafka").register(registry);
        this.failed = Counter.builder("journal.outbox.publish.failures")
                .description("outbox events whose publication failed and will be retried").register(registry);
    }

    /** Publishes what is pending now, without waiting; a call during a round runs one more round. */
    public void wake() {
        if (stopping) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        rounds().subscribe().with(done -> { }, e -> LOG.warnf("outbox relay round failed: %s", e.toString()));
    }

    void onStop(@Observes ShutdownEvent event) {
        // What is pending stays in the outbox for the next start (or another instance).
        stopping = true;
    }

    @Scheduled(every = "${spinestream.journal.outbox.poll-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) config.retention().toSeconds()))
                .invoke(rows -> LOG.debugf("purged %d published outbox event(s)", rows.rowCount()))
                .replaceWithVoid();
    }

    private Uni<Void> rounds() {
        again.set(false);
        return round()
                .onTermination().invoke((count, failure, cancelled) -> {
                    if (failure != null || cancelled) {
                        running.set(false);
                    }
                })
                .chain(count -> {
                    if (count >= config.batchSize() || again.get()) {
                        return rounds();
                    }
                    running.set(false);
                    // A wake() between the check above and the reset must not be lost.
                    if (again.get() && running.compareAndSet(false, true)) {
                        return rounds();
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** One claim-send-mark round; the number of events claimed. */
    private Uni<Integer> round() {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of((double) config.lease().toSeconds(), config.batchSize()))
                .chain(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getString("event_id"), row.getLong("seq"),
                                row.getString("event_type"), row.getString("record_key"), row.getString("payload")));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    claimed.sort(Comparator.comparingLong(Claimed::seq));
                    List<Uni<Outcome>> sends = claimed.stream().map(this::send).toList();
                    return Uni.join().all(sends).andFailFast()
                            .chain(this::record)
                            .replaceWith(claimed.size());
                });
    }

    @SuppressWarnings("unchecked")
    private Uni<Outcome> send(Claimed claimed) {
        Message<Event<?>> message;
        EventType type;
        if (claimed.payload() == null) {
            type = EventType.fromType(claimed.eventType()).orElse(null);
            if (type == null) {
                return Uni.createFrom().item(new Outcome(claimed.eventId(), "tombstone for an unknown event type"));
            }
            // A Record with a null value is the connector's way to write a tombstone.
            message = (Message<Event<?>>) (Message<?>) Message.of(Record.of(claimed.recordKey(), null));
        } else {
            Event<?> event;
            try {
                event = CloudEventCodec.decode(claimed.payload().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                return Uni.createFrom().item(new Outcome(claimed.eventId(), "unreadable outbox payload: " + e.getClass().getSimpleName()));
            }
            type = event.type();
            message = Message.<Event<?>>of(event).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(claimed.recordKey()).build());
        }
        MutinyEmitter<Event<?>> emitter = emitters.get(type.topic());
        if (emitter == null) {
            return Uni.createFrom().item(new Outcome(claimed.eventId(), "no channel for " + type.topic().name()));
        }
        return emitter.sendMessage(message)
                .replaceWith(new Outcome(claimed.eventId(), null))
                .onFailure().recoverWithItem(e -> new Outcome(claimed.eventId(), e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    }

    private Uni<Void> record(List<Outcome> outcomes) {
        String[] sent = outcomes.stream().filter(o -> o.error() == null).map(Outcome::eventId).toArray(String[]::new);
        List<Outcome> failures = outcomes.stream().filter(o -> o.error() != null).toList();
        published.increment(sent.length);
        Uni<Void> markSent = sent.length == 0 ? Uni.createFrom().voidItem()
                : pool.preparedQuery(MARK_SENT).execute(Tuple.of(sent)).replaceWithVoid();
        if (failures.isEmpty()) {
            return markSent;
        }
        failed.increment(failures.size());
        String error = failures.get(0).error();
        LOG.warnf("%d outbox event(s) not published, retrying in %s: %s", failures.size(), config.retryDelay(), error);
        String[] failedIds = failures.stream().map(Outcome::eventId).toArray(String[]::new);
        return markSent.chain(() -> pool.preparedQuery(MARK_FAILED)
                .execute(Tuple.of(failedIds, (double) config.retryDelay().toSeconds(),
                        error.length() > 500 ? error.substring(0, 500) : error))
                .replaceWithVoid());
    }

    private record Claimed(String eventId, long seq, String eventType, String recordKey, String payload) {
    }

    private record Outcome(String eventId, String error) {
    }
}
