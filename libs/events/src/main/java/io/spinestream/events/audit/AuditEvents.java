package io.spinestream.events.audit;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.topic.Topics;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Audit events exactly as every service builds them. An access has no cause that could be seen twice
 * (every request is an occurrence of its own), so its id is drawn once per request, from a random
 * UUID the service makes, never from anything the client sends (a client choosing ids could make a
 * consumer drop another access as a "duplicate"). A record sent again by the producer keeps its id,
 * so the journal stores it once. The subject is the record key: the clinic.
 */
public final class AuditEvents {

    /** The services that may produce audit records (the registry's producers of {@link Topics#AUDIT}). */
    public static final List<String> SERVICES = List.of(Topics.AUDIT.producer().split(", "));

    private AuditEvents() {
    }

    /** A fresh record id: {@code EventIds.of(ACCESS_RECORDED, service, <random UUID>)}. */
    public static String newRecordId(String service) {
        return EventIds.of(EventType.ACCESS_RECORDED, service, UUID.randomUUID().toString());
    }

    /**
     * The event of a record: id {@code recordId}, source the answering service, subject (and key) the
     * clinic, time {@code at}.
     *
     * @throws IllegalArgumentException when the record's service is not a producer of the audit topic
     */
    public static Event<AccessRecorded> recorded(AccessRecorded record) {
        if (!SERVICES.contains(record.service())) {
            throw new IllegalArgumentException(record.service() + " does not produce audit records " + SERVICES);
        }
        return Event.of(EventType.ACCESS_RECORDED, record.recordId(), EventSources.of(record.service()),
                record.clinicId(), record.clinicId(), record.at(), record);
    }

    /**
     * The record {@code event} carries; empty for a tombstone, another type, or a record whose payload names
     * another clinic or id than its event (which a consumer must not file under either).
     */
    public static Optional<AccessRecorded> record(Event<?> event) {
        if (event == null || event.type() != EventType.ACCESS_RECORDED) {
            return Optional.empty();
        }
        AccessRecorded record = event.dataAs(AccessRecorded.class);
        return record.clinicId().equals(event.clinicId()) && record.recordId().equals(event.id())
                ? Optional.of(record) : Optional.empty();
    }
}
