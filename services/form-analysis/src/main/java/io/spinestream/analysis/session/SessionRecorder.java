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

import io.spinestream.analysis.erasure.ErasedWearers;
import io.spinestream.analysis.erasure.WearerKey;

import java.time.Duration;
import java.util.List;

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

    @Inject
    ErasedWearers erased;

    @Incoming("session-records")
    @SuppressWarnings("unchecked")
    public Uni<Void> record(Event<?> event) {
        if (event == null || event.type() != EventType.SESSION_SUMMARY
                || !EventSources.FORM_ANALYSIS.equals(event.source())) {
            return Uni.createFrom().voidItem();
        }
        Event<SessionSummary> summary = (Event<SessionSummary>) event;
        String clinic = summary.clinicId();
        String wearer = summary.data().wearerId();
        // A summary of an erased wearer (closed or replayed after the erasure) is not kept; one
        // recorded while the erasure ran is removed again.
        return erased.isErased(clinic, wearer)
                .chain(gone -> gone ? Uni.createFrom().voidItem()
                        : sessions.record(summary).chain(() -> wearer == null ? Uni.createFrom().voidItem()
                        : erased.afterWrite(List.of(new WearerKey(clinic, wearer)),
                        w -> sessions.deleteOfWearer(w.clinicId(), w.wearerId()))))
                .onFailure().invoke(e -> LOG.warnf("session %s not recorded yet: %s", event.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
