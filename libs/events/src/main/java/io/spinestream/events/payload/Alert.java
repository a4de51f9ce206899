package io.spinestream.events.payload;

import java.time.Instant;
import java.util.Map;

/**
 * Something a clinician, wearer or integrator must hear about: a form fault or advisory, a
 * journal red flag or advisory, or a fleet alert. The event type tells which; {@link #code()}
 * tells what.
 *
 * @param alertId   stable id of the alert; equal to the carrying event's id for the raising
 *                  event, and the key of its lifecycle ({@link AlertStateChanged})
 * @param code      what was detected: a form-analysis code ({@link AlertCodes}), a journal
 *                  red-flag / advisory code, or a fleet code such as {@code BELT_SILENT}
 * @param severity  how urgent
 * @param clinicId  tenant (the envelope's {@code clinicid} is authoritative)
 * @param beltId    the belt it came from; {@code null} for journal alerts
 * @param wearerId  the wearer; {@code null} when not known (belt not assigned)
 * @param activity  activity code at the time; {@code null} when not belt-related
 * @param at        instant it was raised (for form alerts: of the sample that raised it)
 * @param value     the measured value; {@code null} when there is none
 * @param limit     the limit it broke; {@code null} when there is none
 * @param unit      unit of value and limit ({@code "deg"}, {@code "g"}, {@code "s"}, ...);
 *                  {@code null} when there is no value
 * @param late      raised from a batch that arrived after newer ones of its belt: keep and
 *                  show it, but send no haptic feedback
 * @param sessionId the exercise session it happened in; {@code null} when none
 * @param reason    the human-readable rule that decided it; {@code null} when self-evident
 * @param details   further facts as strings; never null, may be empty
 */
public record Alert(
        String alertId,
        String code,
        Severity severity,
        String clinicId,
        String beltId,
        String wearerId,
        String activity,
        Instant at,
        Double value,
        Double limit,
        String unit,
        boolean late,
        String sessionId,
        String reason,
        Map<String, String> details) {

    public Alert {
        Payloads.requiredText(alertId, "alertId");
        Payloads.requiredText(code, "code");
        Payloads.required(severity, "severity");
        Payloads.required(at, "at");
        details = Payloads.map(details);
    }
}
