package io.spinestream.notification.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event waiting to be published: written in the transaction that caused it, relayed to its
 * channel by {@link OutboxRelay} once that transaction committed.
 */
@Entity
@Table(name = "event_outbox")
public class OutboxEvent {

    /** The CloudEvent id. */
    @Id
    public String id;

    /** The outgoing messaging channel (mapped to its topic in application.properties). */
    @Column(nullable = false)
    public String channel;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** The whole event, structured-mode CloudEvents JSON. */
    @Column(name = "cloud_event", nullable = false)
    public String cloudEvent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
