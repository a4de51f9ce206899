package io.spinestream.analysis.session;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Creates the session indexes at start, so the first query of a fresh database is not a scan. */
@ApplicationScoped
class SessionIndexes {

    private static final Logger LOG = Logger.getLogger(SessionIndexes.class);

    @Inject
    SessionStore sessions;

    void onStart(@Observes StartupEvent event) {
        sessions.ensureIndexes()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> LOG.debug("session indexes ready"),
                        failure -> LOG.errorf(failure, "could not create session indexes"));
    }
}
