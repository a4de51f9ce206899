package io.spinestream.ingest.status;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.BeltStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the status gathered by {@link BeltStatusTracker} to the registry every
 * {@code spinestream.ingest.status.flush-interval}, in one statement for all belts that changed,
 * and publishes each belt's merged status on the belt-status topic. With several instances each
 * flushes what it saw; the statement merges (latest last-seen, highest seq, battery and firmware
 * only from readings newer than what is stored), so the order of flushes does not matter.
 */
@ApplicationScoped
public class BeltStatusFlusher {

    private static final Logger LOG = Logger.getLogger(BeltStatusFlusher.class);

    // Old values on the right-hand side: a reading older than the stored last-seen does not win.
    private static final String MERGE = """
            UPDATE belt b SET
                   last_seen_at = GREATEST(b.last_seen_at, u.seen_at),
                   last_seq     = GREATEST(b.last_seq, u.max_seq),
                   battery      = CASE WHEN u.battery IS NOT NULL AND (b.last_seen_at IS NULL OR u.battery_at >= b.last_seen_at)
                                       THEN u.battery ELSE b.battery END,
                   firmware     = CASE WHEN u.firmware IS NOT NULL AND (b.last_seen_at IS NULL OR u.firmware_at >= b.last_seen_at)
                                       THEN u.firmware ELSE b.firmware END
              FROM unnest($1::varchar[], $2::timestamptz[], $3::bigint[], $4::real[], $5::timestamptz[],
                          $6::varchar[], $7::timestamptz[])
                   AS u(belt_id, seen_at, max_seq, battery, battery_at, firmware, firmware_at)
             WHERE b.id = u.belt_id
            RETURNING b.id, b.clinic_id, b.wearer_id, b.state, b.last_seen_at, b.battery, b.firmware, b.last_seq""";

    private final BeltStatusTracker tracker;
    private final Pool pool;
    private final MutinyEmitter<Event<BeltStatus>> statusEvents;
    private final Instance<BeltStatusListener> listeners;

    @Inject
    public BeltStatusFlusher(BeltStatusTracker tracker, Pool pool,
                             @Channel("belt-status") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                             MutinyEmitter<Event<BeltStatus>> statusEvents,
                             Instance<BeltStatusListener> listeners) {
        this.tracker = tracker;
        this.pool = pool;
        this.statusEvents = statusEvents;
        this.listeners = listeners;
    }

    // Delayed by one interval: at the very start the messaging channels are not connected yet.
    // The scheduler reads the raw property, not the config mapping's @WithDefault: same fallback here.
    @Scheduled(every = "${spinestream.ingest.status.flush-interval:5s}", delayed = "${spinestream.ingest.status.flush-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flushPeriodically() {
        return flush().replaceWithVoid();
    }

    /** Writes and publishes what was observed since the last flush; returns how many belts changed. */
    public Uni<Integer> flush() {
        List<BeltStatusTracker.Observed> observed = tracker.drain();
        if (observed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // One lock order for every flush, so that two instances flushing the same belts do not deadlock.
        observed.sort(Comparator.comparing(BeltStatusTracker.Observed::beltId));
        return pool.preparedQuery(MERGE).execute(params(observed))
                .map(rows -> {
                    List<FlushedStatus> statuses = new ArrayList<>();
                    for (Row row : rows) {
                        statuses.add(flushed(row));
                    }
                    return statuses;
                })
                .onFailure().invoke(e -> {
                    tracker.restore(observed);
                    LOG.warnf("belt status not written, kept for the next flush: %s", e.toString());
                })
                .chain(statuses -> publish(statuses).chain(() -> tellListeners(statuses)).replaceWith(statuses.size()))
                .onFailure().recoverWithItem(0);
    }

    void flushOnShutdown(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("belt status not written at shutdown: %s", e.toString());
        }
    }

    private Uni<Void> publish(List<FlushedStatus> statuses) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (FlushedStatus status : statuses) {
            if (status.lastSeq() == null) {
                continue; // only re-sent batches seen, and the original is not flushed yet: nothing to tell
            }
            BeltStatus payload = new BeltStatus(status.beltId(), status.clinicId(), status.lastSeenAt(),
                    status.battery() == null ? null : status.battery().doubleValue(), status.firmware(), status.lastSeq());
            Event<BeltStatus> event = Event.of(EventType.BELT_STATUS,
                    EventIds.of(EventType.BELT_STATUS, status.beltId(), Long.toString(status.lastSeq())),
                    EventSources.SENSOR_INGEST, status.beltId(), status.clinicId(), status.lastSeenAt(), payload);
            sends.add(statusEvents.sendMessage(Message.of(event).addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder().withKey(status.beltId()).build()))
                    .onFailure().invoke(e -> LOG.warnf("status of belt %s not published: %s", status.beltId(), e.toString()))
                    // The compacted topic only needs the latest status; the next change publishes it.
                    .onFailure().recoverWithNull());
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> tellListeners(List<FlushedStatus> statuses) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BeltStatusListener listener : listeners) {
            chain = chain.chain(() -> listener.flushed(statuses)
                    .onFailure().invoke(e -> LOG.warnf("status listener failed: %s", e.toString()))
                    .onFailure().recoverWithNull());
        }
        return chain;
    }

    private static Tuple params(List<BeltStatusTracker.Observed> observed) {
        int n = observed.size();
        String[] belts = new String[n];
        OffsetDateTime[] seen = new OffsetDateTime[n];
        Long[] seqs = new Long[n];
        Float[] batteries = new Float[n];
        OffsetDateTime[] batteryAt = new OffsetDateTime[n];
        String[] firmwares = new String[n];
        OffsetDateTime[] firmwareAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            BeltStatusTracker.Observed o = observed.get(i);
            belts[i] = o.beltId();
            seen[i] = utc(o.lastSeenAt());
            seqs[i] = o.lastSeq();
            batteries[i] = o.battery();
            batteryAt[i] = utc(o.batteryAt());
            firmwares[i] = o.firmware();
            firmwareAt[i] = utc(o.firmwareAt());
        }
        return Tuple.tuple()
                .addArrayOfString(belts).addArrayOfOffsetDateTime(seen).addArrayOfLong(seqs)
                .addArrayOfFloat(batteries).addArrayOfOffsetDateTime(batteryAt)
                .addArrayOfString(firmwares).addArrayOfOffsetDateTime(firmwareAt);
    }

    private static FlushedStatus flushed(Row row) {
        OffsetDateTime lastSeen = row.getOffsetDateTime("last_seen_at");
        return new FlushedStatus(row.getString("id"), row.getString("clinic_id"), row.getString("wearer_id"),
                "active".equals(row.getString("state")), lastSeen == null ? null : lastSeen.toInstant(),
                row.getFloat("battery"), row.getString("firmware"), row.getLong("last_seq"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
