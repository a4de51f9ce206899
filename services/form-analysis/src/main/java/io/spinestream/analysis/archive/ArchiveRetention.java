package io.spinestream.analysis.archive;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Deletes archived batches older than {@link ArchiveConfig#retention()} every
 * {@link ArchiveConfig#purgeEvery()}. Application-level, because the MongoDB-wire servers this
 * runs against have no TTL indexes; idempotent, so every instance may run it.
 */
@ApplicationScoped
public class ArchiveRetention {

    private static final Logger LOG = Logger.getLogger(ArchiveRetention.class);

    @Inject
    TelemetryArchive archive;

    @Inject
    ArchiveConfig config;

    @Inject
    Scheduler scheduler;

    void onStart(@Observes StartupEvent event) {
        scheduler.newJob("telemetry-archive-retention")
                .setInterval(config.purgeEvery().toString())
                .setDelayed(config.purgeEvery().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> purge(Instant.now()).replaceWithVoid()
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("archive retention run failed, next run in %s: %s", config.purgeEvery(), e);
                            return null;
                        }))
                .schedule();
    }

    /** Deletes what was received more than the retention before {@code now}; returns how many. */
    public Uni<Long> purge(Instant now) {
        Instant cutoff = now.minus(config.retention());
        return archive.deleteReceivedBefore(cutoff).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("archive retention: %d batches received before %s deleted", deleted, cutoff);
            }
        });
    }
}
