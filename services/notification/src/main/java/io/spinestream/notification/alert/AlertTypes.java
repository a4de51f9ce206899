package io.spinestream.notification.alert;

import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The types an alert can have: the five alert event types of the contract, and notification's own. */
public final class AlertTypes {

    /**
     * Raised by notification itself when it disabled a webhook endpoint (it answered 410, or failed
     * for longer than allowed), so that the clinic learns of it on its alert list and live feed.
     */
    public static final String ENDPOINT_DISABLED = "io.spinestream.notification.endpoint-disabled.v1";

    /** Code of {@link #ENDPOINT_DISABLED} alerts. */
    public static final String ENDPOINT_DISABLED_CODE = "WEBHOOK_ENDPOINT_DISABLED";

    /** The contract's event types that carry an {@link Alert}. */
    public static final Set<EventType> FROM_ALERTS_TOPIC = Arrays.stream(EventType.values())
            .filter(type -> type.dataClass() == Alert.class)
            .collect(Collectors.toUnmodifiableSet());

    /** Every type string an alert may have. */
    public static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        FROM_ALERTS_TOPIC.stream().map(EventType::type).sorted().forEach(all::add);
        all.add(ENDPOINT_DISABLED);
        ALL = Set.copyOf(all);
    }

    private AlertTypes() {
    }
}
