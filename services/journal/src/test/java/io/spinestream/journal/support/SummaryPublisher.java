package io.spinestream.journal.support;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.events.payload.SessionSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publishes session summaries as form analysis does: CloudEvents keyed by belt, on the registry's topic. */
public final class SummaryPublisher implements AutoCloseable {

    private final EventPublisher publisher = new EventPublisher();

    /** A summary of a session of one belt; its id follows the contract (belt and first seq). */
    public static Event<SessionSummary> summary(String clinicId, String wearerId, String beltId, long firstSeq,
                                                String activity, Instant start, Duration length, int reps,
                                                double timeUnderLoadSeconds, int formScore, Map<String, Integer> faults) {
        String sessionId = EventIds.deterministic("session", beltId, Long.toString(firstSeq));
        List<RepMetrics> metrics = new ArrayList<>();
        for (int i = 1; i <= reps; i++) {
            metrics.add(new RepMetrics(i, start.plusSeconds(5L * i), start.plusSeconds(5L * i + 4), 15 + i, 1, 3,
                    i == 1 && !faults.isEmpty() ? List.copyOf(faults.keySet()) : List.of()));
        }
        SessionSummary summary = new SessionSummary(sessionId, clinicId, beltId, wearerId, activity, start,
                start.plus(length), reps, 0, timeUnderLoadSeconds, 0, formScore, faults, metrics);
        return Event.of(EventType.SESSION_SUMMARY, EventIds.of(EventType.SESSION_SUMMARY, sessionId),
                EventSources.FORM_ANALYSIS, beltId, clinicId, start.plus(length), summary);
    }

    public void publish(Event<SessionSummary> event) {
        publisher.publish(event);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
