package io.spinestream.events.cloudevents;

import io.spinestream.events.EventType;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.events.payload.AlertState;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.payload.HapticPattern;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.payload.WearerProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fully populated event of every type, as producers would send it. */
final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-20T10:15:30.340Z");
    static final String CLINIC = "clinic-7";
    static final String BELT = "SB-000123";
    static final String WEARER = "w-42";

    private SampleEvents() {
    }

    static Event<?> of(EventType type) {
        String id = EventIds.deterministic(type.type(), BELT, "1842");
        return switch (type) {
            case FORM_FAULT -> Event.of(type, id, EventSources.FORM_ANALYSIS, BELT, CLINIC, AT,
                    alert(id, "ROUNDED_BACK", Severity.WARNING, BELT, WEARER, 24.5, 20.0, "deg"));
            case FORM_ADVISORY -> Event.of(type, id, EventSources.FORM_ANALYSIS, BELT, CLINIC, AT,
                    alert(id, "CALIBRATION_NEEDED", Severity.INFO, BELT, WEARER, null, null, null));
            case JOURNAL_RED_FLAG -> Event.of(type, id, EventSources.JOURNAL, WEARER, CLINIC, AT,
                    alert(id, "saddle_numbness", Severity.CRITICAL, null, WEARER, null, null, null));
            case JOURNAL_ADVISORY -> Event.of(type, id, EventSources.JOURNAL, WEARER, CLINIC, AT,
                    alert(id, "PERSISTENT_PAIN", Severity.WARNING, null, WEARER, 15.0, 14.0, "days"));
            case FLEET_ALERT -> Event.of(type, id, EventSources.SENSOR_INGEST, BELT, CLINIC, AT,
                    alert(id, "BELT_SILENT", Severity.WARNING, BELT, null, null, null, null));
            case SESSION_SUMMARY -> Event.of(type, id, EventSources.FORM_ANALYSIS, BELT, CLINIC, AT,
                    new SessionSummary("s-1", CLINIC, BELT, WEARER, "deadlift",
                            AT.minusSeconds(60), AT, 2, 0.0, 41.5, 0, 50,
                            Map.of("ROUNDED_BACK", 1),
                            List.of(new RepMetrics(1, AT.minusSeconds(50), AT.minusSeconds(45), 24.5, 2.0, 3.5,
                                            List.of("ROUNDED_BACK")),
                                    new RepMetrics(2, AT.minusSeconds(40), AT.minusSeconds(35), 12.0, 1.5, 2.0,
                                            List.of()))));
            case WEARER_PROFILE -> Event.of(type, id, EventSources.JOURNAL, WEARER, CLINIC, AT,
                    new WearerProfile(WEARER, CLINIC, List.of("disc_herniation"),
                            new Limits(18.0, null, null, null, null, 25, null, null, null, null, 120),
                            1968, 3, AT));
            case BELT_COMMAND -> Event.of(type, id, EventSources.NOTIFICATION, BELT, CLINIC, AT,
                    new BeltCommand(id, BELT, CLINIC, HapticPattern.TWO_SHORT, "a-1", "ROUNDED_BACK",
                            AT, AT.plusSeconds(5)));
            case BELT_STATUS -> Event.of(type, id, EventSources.SENSOR_INGEST, BELT, CLINIC, AT,
                    new BeltStatus(BELT, CLINIC, AT, 0.82, "2.3.1", 1842));
            case ALERT_STATE_CHANGED -> Event.of(type, id, EventSources.NOTIFICATION, "a-1", CLINIC, AT,
                    new AlertStateChanged("a-1", CLINIC, AlertState.ACKNOWLEDGED, "dr-who", AT, "seen"));
            case ERASURE_REQUESTED -> Event.of(type, id, EventSources.JOURNAL, WEARER, CLINIC, AT,
                    new ErasureRequested("er-1", CLINIC, WEARER, AT));
            case ERASURE_COMPLETED -> Event.of(type, id, EventSources.FORM_ANALYSIS, "er-1", CLINIC, AT,
                    new ErasureCompleted("er-1", CLINIC, "form-analysis", Map.of("sessions", 14L, "calibrations", 2L), AT));
            case ACCESS_RECORDED -> Event.of(type, id, EventSources.JOURNAL, CLINIC, CLINIC, AT,
                    new AccessRecorded(id, CLINIC, "journal", AT, "u-physio-3", "clinician", WEARER, AuditAction.READ,
                            "pain_entry", "GET /v1/wearers/{wearerId}/pain-entries", null, 25, 200, "10.0.4.17",
                            "spinestream-app/2.1", "req-1"));
        };
    }

    private static Alert alert(String id, String code, Severity severity, String belt, String wearer,
                               Double value, Double limit, String unit) {
        return new Alert(id, code, severity, CLINIC, belt, wearer, belt == null ? null : "deadlift", AT,
                value, limit, unit, false, belt == null ? null : "s-1", "the rule that decided it",
                Map.of("source", "test"));
    }
}
