package io.spinestream.events.cloudevents;

import io.spinestream.events.EventType;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of every event on a CloudEvents topic: the CloudEvents 1.0 context attributes
 * the contract uses, plus the typed payload.
 *
 * @param id       CloudEvents {@code id}; consumers drop an event whose id they have already
 *                 processed, so derive it from its causes ({@link EventIds#deterministic})
 * @param type     the event type; fixes the class of {@code data}
 * @param source   CloudEvents {@code source}, a URI-reference such as
 *                 {@code /spinestream/form-analysis} ({@link EventSources})
 * @param subject  CloudEvents {@code subject}: what the event is about (belt id, wearer id,
 *                 alert id); {@code null} when none
 * @param time     CloudEvents {@code time}: when the occurrence happened
 * @param clinicId the tenant, as extension attribute {@code clinicid}; every event has one
 * @param data     the payload, an instance of {@link EventType#dataClass()}
 */
public record Event<T>(
        String id,
        EventType type,
        String source,
        String subject,
        Instant time,
        String clinicId,
        T data) {

    public Event {
        requireText(id, "id");
        Objects.requireNonNull(type, "type is required");
        requireText(source, "source");
        URI.create(source); // throws IllegalArgumentException when it is no URI-reference
        Objects.requireNonNull(time, "time is required");
        requireText(clinicId, "clinicId");
        Objects.requireNonNull(data, "data is required");
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type + " carries " + type.dataClass().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
    }

    /** An event that happened now. */
    public static <T> Event<T> of(EventType type, String id, String source, String subject,
                                  String clinicId, T data) {
        return new Event<>(id, type, source, subject, Instant.now(), clinicId, data);
    }

    /** An event that happened at {@code time} (replays, offline analysis, tests). */
    public static <T> Event<T> of(EventType type, String id, String source, String subject,
                                  String clinicId, Instant time, T data) {
        return new Event<>(id, type, source, subject, time, clinicId, data);
    }

    /** The payload as {@code dataClass}; fails if this event carries another class. */
    public <U> U dataAs(Class<U> dataClass) {
        if (!dataClass.isInstance(data)) {
            throw new ClassCastException(type + " carries " + data.getClass().getSimpleName()
                    + ", not " + dataClass.getSimpleName());
        }
        return dataClass.cast(data);
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, () -> name + " is required").isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
