package io.spinestream.analysis.session;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.SessionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Keeps every session summary the analyzer published as the session's record. Reads the
 * session-summaries topic in its own consumer group, at least once; idempotent by session id.
 * While MongoDB is away it retries and the offsets wait, so no session is lost.
 */
@ApplicationScoped
public class SessionRecorder {

    private static final Logger LOG = Logger.getLogger(SessionRecorder.class);

    @Inject
    SessionStore sessions;

    @Incoming("session-records")
    @SuppressWarnings("unchecked")
    public Uni<Void> record(Event<?> event) {
        if (event == null || event.type() != EventType.SESSION_SUMMARY
                || !EventSources.FORM_ANALYSIS.equals(event.source())) {
            return Uni.createFrom().voidItem();
        }
        return sessions.record((Event<SessionSummary>) event)
                .onFailure().invoke(e -> LOG.warnf("session %s not recorded yet: %s", event.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
