package io.spinestream.notification.webhook;

import io.spinestream.events.EventType;
import io.spinestream.notification.alert.AlertTypes;

import java.util.Set;
import java.util.TreeSet;

/** The event types an endpoint can subscribe to. */
public final class WebhookEventTypes {

    /**
     * A digest of form faults of one session, for endpoints that asked for digests; it replaces
     * their individual {@code io.spinestream.form.fault.v1} deliveries (except {@code critical} ones).
     */
    public static final String FORM_FAULT_DIGEST = "io.spinestream.notification.form-fault-digest.v1";

    /** Every type an endpoint may name in its filter. */
    public static final Set<String> SUBSCRIBABLE;

    static {
        Set<String> types = new TreeSet<>(AlertTypes.ALL);
        types.add(EventType.ALERT_STATE_CHANGED.type());
        SUBSCRIBABLE = Set.copyOf(types);
    }

    private WebhookEventTypes() {
    }
}
