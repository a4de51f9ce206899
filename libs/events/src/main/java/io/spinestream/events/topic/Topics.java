package io.spinestream.events.topic;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every Kafka topic between the services. Keys are strings; values are either the Protobuf
 * {@link IngestedBatch} (telemetry) or a structured-mode CloudEvent ({@link Event}).
 */
public final class Topics {

    public static final String SENSOR_INGEST = "sensor-ingest";
    public static final String FORM_ANALYSIS = "form-analysis";
    public static final String JOURNAL = "journal";
    public static final String NOTIFICATION = "notification";

    public static final TopicSpec<String, IngestedBatch> TELEMETRY = new TopicSpec<>(
            "spinestream.telemetry.v1", String.class, IngestedBatch.class, "beltId", 12,
            CleanupPolicy.DELETE, Duration.ofDays(7),
            SENSOR_INGEST, List.of(FORM_ANALYSIS),
            "Accepted belt telemetry batches (Protobuf IngestedBatch), once per (beltId, seq),"
                    + " in arrival order per belt.");

    public static final TopicSpec<String, Event<BeltStatus>> BELT_STATUS = new TopicSpec<>(
            "spinestream.belt-status.v1", String.class, eventOf(BeltStatus.class), "beltId", 12,
            CleanupPolicy.COMPACT, null,
            SENSOR_INGEST, List.of(NOTIFICATION),
            "Latest known state of each belt: last seen, battery, firmware, last seq.");

    public static final TopicSpec<String, Event<WearerProfile>> WEARER_PROFILES = new TopicSpec<>(
            "spinestream.wearer-profiles.v1", String.class, eventOf(WearerProfile.class), "wearerId", 12,
            CleanupPolicy.COMPACT, null,
            JOURNAL, List.of(FORM_ANALYSIS),
            "Latest profile of each wearer: conditions and clinician-set limits.");

    public static final TopicSpec<String, Event<Alert>> ALERTS = new TopicSpec<>(
            "spinestream.alerts.v1", String.class, eventOf(Alert.class),
            "beltId (belt-originated alerts) or wearerId (journal alerts)", 12,
            CleanupPolicy.DELETE, Duration.ofDays(7),
            FORM_ANALYSIS + ", " + JOURNAL + ", " + SENSOR_INGEST, List.of(NOTIFICATION),
            "Every alert: form faults and advisories, journal red flags and advisories,"
                    + " fleet alerts.");

    public static final TopicSpec<String, Event<SessionSummary>> SESSION_SUMMARIES = new TopicSpec<>(
            "spinestream.session-summaries.v1", String.class, eventOf(SessionSummary.class), "beltId", 12,
            CleanupPolicy.DELETE, Duration.ofDays(30),
            FORM_ANALYSIS, List.of(JOURNAL),
            "Closed exercise sessions with reps, faults and form score.");

    public static final TopicSpec<String, Event<BeltCommand>> BELT_COMMANDS = new TopicSpec<>(
            "spinestream.belt-commands.v1", String.class, eventOf(BeltCommand.class), "beltId", 12,
            CleanupPolicy.DELETE, Duration.ofDays(1),
            NOTIFICATION, List.of(SENSOR_INGEST),
            "Haptic commands to deliver to belts.");

    public static final TopicSpec<String, Event<AlertStateChanged>> ALERT_LIFECYCLE = new TopicSpec<>(
            "spinestream.alert-lifecycle.v1", String.class, eventOf(AlertStateChanged.class), "alertId", 6,
            CleanupPolicy.DELETE, Duration.ofDays(30),
            NOTIFICATION, List.of(),
            "Alert state changes (open, acknowledged, resolved); read by integrators via webhooks.");

    private static final List<TopicSpec<?, ?>> ALL = List.of(
            TELEMETRY, BELT_STATUS, WEARER_PROFILES, ALERTS, SESSION_SUMMARIES, BELT_COMMANDS,
            ALERT_LIFECYCLE);

    private Topics() {
    }

    /** Every topic, in declaration order. */
    public static List<TopicSpec<?, ?>> all() {
        return ALL;
    }

    /** The topic with that name, if it is one of the contract's. */
    public static Optional<TopicSpec<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    // Class literals cannot carry type arguments; the cast is safe because Event's type
    // argument is erased and checked against the event type when an Event is built.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Class<Event<T>> eventOf(Class<T> dataClass) {
        return (Class) Event.class;
    }
}
