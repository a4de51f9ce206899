package io.spinestream.notification.testkit;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Alert events as the producers write them. */
public final class TestAlerts {

    private TestAlerts() {
    }

    public static String uniqueBelt() {
        return "SB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    /** A form fault (warning) of a belt, in a session. */
    public static Alert formFault(String clinic, String belt, String code, String sessionId) {
        return new Alert(uniqueId(), code, Severity.WARNING, clinic, belt, "w-" + belt, "deadlift",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), 23.4, 20.0, "deg", false, sessionId,
                "lumbar flexion above the limit for 200 ms during a loaded activity (deadlift)",
                Map.of("limitSource", "default"));
    }

    public static Alert withSeverity(Alert alert, Severity severity) {
        return new Alert(alert.alertId(), alert.code(), severity, alert.clinicId(), alert.beltId(), alert.wearerId(),
                alert.activity(), alert.at(), alert.value(), alert.limit(), alert.unit(), alert.late(),
                alert.sessionId(), alert.reason(), alert.details());
    }

    public static Alert raisedAt(Alert alert, Instant at) {
        return new Alert(alert.alertId(), alert.code(), alert.severity(), alert.clinicId(), alert.beltId(),
                alert.wearerId(), alert.activity(), at, alert.value(), alert.limit(), alert.unit(), alert.late(),
                alert.sessionId(), alert.reason(), alert.details());
    }

    /** The same alert, of {@code wearer}. */
    public static Alert ofWearer(Alert alert, String wearer) {
        return new Alert(alert.alertId(), alert.code(), alert.severity(), alert.clinicId(), alert.beltId(), wearer,
                alert.activity(), alert.at(), alert.value(), alert.limit(), alert.unit(), alert.late(),
                alert.sessionId(), alert.reason(), alert.details());
    }

    public static Alert late(Alert alert) {
        return new Alert(alert.alertId(), alert.code(), alert.severity(), alert.clinicId(), alert.beltId(),
                alert.wearerId(), alert.activity(), alert.at(), alert.value(), alert.limit(), alert.unit(), true,
                alert.sessionId(), alert.reason(), alert.details());
    }

    /** A journal red flag of a wearer (no belt). */
    public static Alert redFlag(String clinic, String wearer, String code, Severity severity) {
        return new Alert(uniqueId(), code, severity, clinic, null, wearer, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null, null, false, null,
                "red flag: seek care", Map.of("entryId", "pe-1"));
    }

    /** The event carrying the alert, as its producer publishes it (event id = alert id). */
    public static Event<Alert> event(EventType type, Alert alert) {
        String source = switch (type) {
            case JOURNAL_RED_FLAG, JOURNAL_ADVISORY -> EventSources.JOURNAL;
            case FLEET_ALERT -> EventSources.SENSOR_INGEST;
            default -> EventSources.FORM_ANALYSIS;
        };
        String subject = alert.beltId() != null ? alert.beltId() : alert.wearerId();
        return Event.of(type, alert.alertId(), source, subject, alert.clinicId(), alert.at(), alert);
    }

    /** The record key producers use: the belt, or the wearer for journal alerts. */
    public static String keyOf(Alert alert) {
        return alert.beltId() != null ? alert.beltId() : alert.wearerId();
    }
}
