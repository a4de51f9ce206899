package io.spinestream.events.payload;

import java.time.Instant;

/**
 * An alert moved in its lifecycle.
 *
 * @param alertId   the alert ({@link Alert#alertId()})
 * @param clinicId  tenant
 * @param state     the new state
 * @param changedBy who changed it (user id, or {@code "system"}); {@code null} if unknown
 * @param at        when
 * @param note      free text from whoever changed it; {@code null} when none
 */
public record AlertStateChanged(
        String alertId,
        String clinicId,
        AlertState state,
        String changedBy,
        Instant at,
        String note) {

    public AlertStateChanged {
        Payloads.requiredText(alertId, "alertId");
        Payloads.required(state, "state");
        Payloads.required(at, "at");
    }
}
