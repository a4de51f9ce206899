package io.spinestream.journal.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event written in the transaction that caused it, waiting to be published by the
 * {@link OutboxRelay}. The order of publication ({@code seq}) is assigned by the database.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** The CloudEvents id: deterministic from the cause, so the same cause is stored once. */
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The Kafka record key (the wearer id for everything the journal publishes). */
    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    /**
     * The whole structured-mode CloudEvent, as it goes on the topic; null for a tombstone on the topic of
     * {@link #eventType}.
     */
    @Column(name = "payload")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error")
    public String lastError;
}
