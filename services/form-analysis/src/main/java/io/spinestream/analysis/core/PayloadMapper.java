package io.spinestream.analysis.core;

import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.SessionSummary;

/** Maps {@link AnalysisEvent}s to the event contract's payloads (libs/events, docs/events.md). */
public final class PayloadMapper {

    private PayloadMapper() {
    }

    /** {@code SESSION_SUMMARY}, {@code FORM_FAULT} (fault codes) or {@code FORM_ADVISORY} (the rest). */
    public static EventType eventType(AnalysisEvent event) {
        if (event.isSummary()) {
            return EventType.SESSION_SUMMARY;
        }
        return event.isFault() ? EventType.FORM_FAULT : EventType.FORM_ADVISORY;
    }

    /** The alert of a fault or advisory; its {@code alertId} is the event id. */
    public static Alert toAlert(AnalysisEvent e) {
        if (e.isSummary()) {
            throw new IllegalArgumentException("a session summary is not an alert");
        }
        return new Alert(e.id(), e.type(), e.severity(), e.clinicId(), e.beltId(), e.wearerId(), e.activity(),
                e.at(), e.value(), e.limit(), e.unit(), e.late(), e.sessionId(), e.reason(), e.details());
    }

    /** The payload of a {@code SESSION_SUMMARY}. */
    public static SessionSummary toSessionSummary(AnalysisEvent e) {
        if (!e.isSummary()) {
            throw new IllegalArgumentException(e.type() + " is not a session summary");
        }
        return new SessionSummary(e.sessionId(), e.clinicId(), e.beltId(), e.wearerId(), e.activity(),
                e.startedAt(), e.endedAt(), e.reps(), e.holdSeconds(), e.timeUnderLoadSeconds(), e.impacts(),
                e.formScore(), e.faults(), e.repMetrics());
    }
}
