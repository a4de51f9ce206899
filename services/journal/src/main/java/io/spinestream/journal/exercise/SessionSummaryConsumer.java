package io.spinestream.journal.exercise;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.platform.erasure.ErasureRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Session summaries from form analysis become exercise-log entries. Idempotent: the session id
 * (from which the event id is derived) is unique in the log, so a summary delivered twice is one
 * entry. Records that are not summaries (tombstones, unreadable values, other types) are skipped.
 * A database failure is retried; if it persists, the channel fails and readiness says so, and the
 * uncommitted summaries are read again after the restart.
 */
@ApplicationScoped
public class SessionSummaryConsumer {

    private static final Logger LOG = Logger.getLogger(SessionSummaryConsumer.class);

    private final ExerciseService service;
    private final MeterRegistry registry;

    @Inject
    public SessionSummaryConsumer(ExerciseService service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    @Incoming("session-summaries-in")
    public Uni<Void> consume(Event<?> event) {
        if (event == null || event.type() != EventType.SESSION_SUMMARY) {
            count("skipped_not_a_summary");
            return Uni.createFrom().voidItem();
        }
        // every attempt on the consumer's Vert.x context: Hibernate Reactive runs nowhere else
        return ErasureRetry.DEFAULT.run(() -> service.recordBelt(event))
                .invoke(outcome -> {
                    count(outcome.name().toLowerCase(java.util.Locale.ROOT));
                    if (outcome != ExerciseService.Outcome.STORED && outcome != ExerciseService.Outcome.DUPLICATE) {
                        // Ids only: no health data in logs.
                        LOG.infof("session summary %s not logged: %s", event.id(), outcome);
                    }
                })
                .replaceWithVoid();
    }

    private void count(String outcome) {
        registry.counter("journal.session.summaries", "outcome", outcome).increment();
    }
}
