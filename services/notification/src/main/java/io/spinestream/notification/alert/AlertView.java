package io.spinestream.notification.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as the API and the live feed show it.
 *
 * @param type         the CloudEvents type it arrived as (form fault, journal red flag, ...)
 * @param late         raised from a late batch: it never vibrated the belt
 * @param acknowledged who acknowledged it, when, with what note; absent while not acknowledged
 * @param resolved     who resolved it, when, with what note; absent while not resolved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String id, String clinicId, String type, String code, String severity, String state,
                        String beltId, String wearerId, String sessionId, String activity, Double value,
                        Double limit, String unit, boolean late, String reason, Map<String, String> details,
                        Instant raisedAt, Instant receivedAt, StateChange acknowledged, StateChange resolved) {

    /** One lifecycle step as shown on the alert. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StateChange(String by, Instant at, String note) {
    }

    public static AlertView of(AlertRecord alert) {
        return new AlertView(alert.id, alert.clinicId, alert.eventType, alert.code, alert.severity, alert.state,
                alert.beltId, alert.wearerId, alert.sessionId, alert.activity, alert.value, alert.limit, alert.unit,
                alert.late, alert.reason, alert.details,
                alert.raisedAt, alert.receivedAt,
                alert.acknowledgedAt == null ? null
                        : new StateChange(alert.acknowledgedBy, alert.acknowledgedAt, alert.acknowledgedNote),
                alert.resolvedAt == null ? null
                        : new StateChange(alert.resolvedBy, alert.resolvedAt, alert.resolvedNote));
    }

    /** The same alert without its free-text parts, for channels with a size limit. */
    public AlertView summary() {
        return new AlertView(id, clinicId, type, code, severity, state, beltId, wearerId, sessionId, activity, value,
                limit, unit, late, null, null, raisedAt, receivedAt,
                acknowledged == null ? null : new StateChange(acknowledged.by(), acknowledged.at(), null),
                resolved == null ? null : new StateChange(resolved.by(), resolved.at(), null));
    }
}
