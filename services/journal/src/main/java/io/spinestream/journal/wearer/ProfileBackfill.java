package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.journal.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Publishes the current profile of wearers marked {@code profile_event_due}: wearers enrolled before
 * the journal published profiles, whose version 1 the schema migration made without an event. Every
 * other version is written to the outbox with the change that made it, so once these are done the
 * mark is never set again and each look is one probe of an empty partial index.
 *
 * <p>Idempotent and safe with several instances: a batch takes its wearers with
 * {@code FOR UPDATE SKIP LOCKED} and clears their mark in the transaction that adds their events; the
 * events have the ids of their versions, so one published before is not added again while the outbox
 * holds it, and consumers drop it if it comes again. Runs shortly after start and then every
 * {@code profile-backfill-interval}, so a database that was away at start only delays it.
 */
@ApplicationScoped
public class ProfileBackfill {

    private static final Logger LOG = Logger.getLogger(ProfileBackfill.class);

    private static final String CLAIM = """
            UPDATE wearer SET profile_event_due = FALSE
            WHERE id IN (SELECT id FROM wearer WHERE profile_event_due ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private final ProfileVersionRepository versions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final int batchSize;

    @Inject
    public ProfileBackfill(ProfileVersionRepository versions, Outbox outbox, OutboxRelay relay, JournalConfig config) {
        this.versions = versions;
        this.outbox = outbox;
        this.relay = relay;
        this.batchSize = config.outbox().batchSize();
    }

    @Scheduled(every = "${spinestream.journal.profile-backfill-interval:1m}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return batch()
                .chain(count -> count < batchSize ? Uni.createFrom().voidItem() : run())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("wearer-profile backfill failed, retrying on the next run: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** One transaction: up to a batch of marked wearers get their current profile into the outbox. */
    private Uni<Integer> batch() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM, String.class)
                                .setParameter("max", batchSize).getResultList())
                        .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                                : versions.current(ids).chain(this::enqueue).replaceWith(ids.size())))
                .invoke(count -> {
                    if (count > 0) {
                        relay.wake();
                        LOG.infof("queued the current profile of %d wearer(s) enrolled before profile events", count);
                    }
                });
    }

    private Uni<Void> enqueue(List<ProfileVersion> current) {
        // One reactive session runs one statement at a time.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ProfileVersion version : current) {
            chain = chain.chain(() -> outbox.add(ProfileEvents.of(version), version.wearerId));
        }
        return chain;
    }
}
