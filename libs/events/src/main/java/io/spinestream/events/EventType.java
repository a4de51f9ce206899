package io.spinestream.events;

import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} of the contract, with the class of its {@code data} and the
 * topic it travels on. Type strings end in their version: a breaking change to a payload is a
 * new type ({@code .v2}), never an edit of these.
 */
public enum EventType {
    FORM_FAULT("io.spinestream.form.fault.v1", Alert.class, Topics.ALERTS),
    FORM_ADVISORY("io.spinestream.form.advisory.v1", Alert.class, Topics.ALERTS),
    JOURNAL_RED_FLAG("io.spinestream.journal.red-flag.v1", Alert.class, Topics.ALERTS),
    JOURNAL_ADVISORY("io.spinestream.journal.advisory.v1", Alert.class, Topics.ALERTS),
    FLEET_ALERT("io.spinestream.fleet.alert.v1", Alert.class, Topics.ALERTS),
    SESSION_SUMMARY("io.spinestream.form.session-summary.v1", SessionSummary.class, Topics.SESSION_SUMMARIES),
    WEARER_PROFILE("io.spinestream.journal.wearer-profile.v1", WearerProfile.class, Topics.WEARER_PROFILES),
    BELT_COMMAND("io.spinestream.notification.belt-command.v1", BeltCommand.class, Topics.BELT_COMMANDS),
    BELT_STATUS("io.spinestream.ingest.belt-status.v1", BeltStatus.class, Topics.BELT_STATUS),
    ALERT_STATE_CHANGED("io.spinestream.notification.alert-state-changed.v1", AlertStateChanged.class,
            Topics.ALERT_LIFECYCLE),
    ERASURE_REQUESTED("io.spinestream.journal.erasure-requested.v1", ErasureRequested.class,
            Topics.ERASURE_REQUESTS),
    /** One type for every participant's receipt: {@code data.service} (and {@code source}) says whose. */
    ERASURE_COMPLETED("io.spinestream.erasure.completed.v1", ErasureCompleted.class, Topics.ERASURE_RECEIPTS),
    /** An access to health data through an API; {@code source} and {@code data.service} say which service answered. */
    ACCESS_RECORDED("io.spinestream.audit.access-recorded.v1", AccessRecorded.class, Topics.AUDIT);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final Class<?> dataClass;
    private final TopicSpec<String, ?> topic;

    EventType(String type, Class<?> dataClass, TopicSpec<String, ?> topic) {
        this.type = type;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.spinestream.form.fault.v1}. */
    public String type() {
        return type;
    }

    /** The class of the event's {@code data}. */
    public Class<?> dataClass() {
        return dataClass;
    }

    /** The topic events of this type are published to. */
    public TopicSpec<String, ?> topic() {
        return topic;
    }

    /** The event type with that CloudEvents {@code type}, if this contract knows it. */
    public static Optional<EventType> fromType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_TYPE.get(ceType));
    }
}
