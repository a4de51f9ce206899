package io.spinestream.notification.alert;

import java.time.Instant;

/** An alert as the API shows it. */
public record AlertView(String id, String clinicId, String type, String code, String severity, String state,
                        String beltId, String wearerId, Instant raisedAt) {

    static AlertView of(AlertRecord alert) {
        return new AlertView(alert.id, alert.clinicId, alert.eventType, alert.code, alert.severity, alert.state,
                alert.beltId, alert.wearerId, alert.raisedAt);
    }
}
