package io.spinestream.notification.feed;

import io.spinestream.notification.alert.AlertView;

/**
 * One message of the live feed.
 *
 * @param id       unique per message: the alert id for a new alert, the state-change event id
 *                 for a lifecycle step
 * @param kind     {@value #ALERT_RAISED} or {@value #ALERT_STATE_CHANGED}; the SSE event name
 * @param clinicId the clinic it belongs to; only that clinic's subscribers receive it
 * @param alert    the alert as it is after this message
 */
public record FeedEvent(String id, String kind, String clinicId, AlertView alert) {

    public static final String ALERT_RAISED = "alert";
    public static final String ALERT_STATE_CHANGED = "alert-state-changed";
}
