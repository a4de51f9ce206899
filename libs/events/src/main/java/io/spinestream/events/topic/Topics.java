package io.spinestream.events.topic;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
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

    /**
     * Right to erasure: the journal asks every service to erase a wearer. Compacted, and never
     * tombstoned, so the latest request per wearer stays for good: a service that was away for any
     * time, a new service, or one restored from a backup taken before the erasure reads it (from the
     * beginning) and carries it out. Its records hold ids and a time, no health data. The consumers
     * are the participants: the services that must confirm every erasure ({@link #erasureParticipants()}).
     */
    public static final TopicSpec<String, Event<ErasureRequested>> ERASURE_REQUESTS = new TopicSpec<>(
            "spinestream.erasure-requests.v1", String.class, eventOf(ErasureRequested.class), "wearerId", 3,
            CleanupPolicy.COMPACT, null,
            JOURNAL, List.of(SENSOR_INGEST, FORM_ANALYSIS, JOURNAL, NOTIFICATION),
            "Requests to erase everything of a wearer; every consumer must erase and confirm.");

    /**
     * Each participant's receipt for an erasure. Keyed by erasure id, so several receipts share a key
     * and the topic cannot be compacted; 30 days, because the journal keeps every receipt it read and
     * a participant sends its receipt again whenever it reads the request again.
     */
    public static final TopicSpec<String, Event<ErasureCompleted>> ERASURE_RECEIPTS = new TopicSpec<>(
            "spinestream.erasure-receipts.v1", String.class, eventOf(ErasureCompleted.class), "erasureId", 3,
            CleanupPolicy.DELETE, Duration.ofDays(30),
            String.join(", ", ERASURE_REQUESTS.consumers()), List.of(JOURNAL),
            "Each service's receipt for an erasure: what it removed, and when.");

    /**
     * The audit trail: every access to health data through any service's API (docs/audit.md). Keyed by
     * clinic, so one clinic's trail is in order on one partition. The journal keeps every record for good
     * (append-only); the topic's 90 days are how long a journal that was away can be to catch up, and a
     * second copy meanwhile. Records hold ids and path templates, no health data.
     */
    public static final TopicSpec<String, Event<AccessRecorded>> AUDIT = new TopicSpec<>(
            "spinestream.audit.v1", String.class, eventOf(AccessRecorded.class), "clinicId", 12,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            String.join(", ", SENSOR_INGEST, FORM_ANALYSIS, JOURNAL, NOTIFICATION), List.of(JOURNAL),
            "Every access to health data: who, which clinic and wearer, what, when, from where, outcome.");

    private static final List<TopicSpec<?, ?>> ALL = List.of(
            TELEMETRY, BELT_STATUS, WEARER_PROFILES, ALERTS, SESSION_SUMMARIES, BELT_COMMANDS,
            ALERT_LIFECYCLE, ERASURE_REQUESTS, ERASURE_RECEIPTS, AUDIT);

    private Topics() {
    }

    /** Every topic, in declaration order. */
    public static List<TopicSpec<?, ?>> all() {
        return ALL;
    }

    /**
     * The services that must confirm every erasure: the consumers of {@link #ERASURE_REQUESTS}. An
     * erasure is complete when each of them has sent its receipt.
     */
    public static List<String> erasureParticipants() {
        return ERASURE_REQUESTS.consumers();
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
