package io.spinestream.analysis.archive;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Creates the archive's indexes at start (by belt and time, by wearer and time, by receipt for retention). */
@ApplicationScoped
class ArchiveIndexes {

    private static final Logger LOG = Logger.getLogger(ArchiveIndexes.class);

    @Inject
    TelemetryArchive archive;

    void onStart(@Observes StartupEvent event) {
        archive.ensureIndexes()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> LOG.debug("archive indexes ready"),
                        failure -> LOG.errorf(failure, "could not create archive indexes"));
    }
}
