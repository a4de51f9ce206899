package io.spinestream.notification.webhook;

import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One message to one endpoint and where it stands: pending (with its next attempt), succeeded,
 * or dead-lettered. This row is the durable retry queue: nothing about a schedule lives only in
 * memory.
 */
@Entity
@DynamicUpdate
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.IN_ENDPOINT,
        query = "from WebhookDelivery where id = :id and endpointId = :endpoint and clinicId = :clinic")
@NamedQuery(name = WebhookDelivery.QUEUE_DEPTH, query = "select count(d), "
        + "coalesce(sum(case when d.attempts > 0 then 1 else 0 end), 0) from WebhookDelivery d where d.status = 'pending'")
@NamedQuery(name = WebhookDelivery.DEAD_LETTER_PENDING, query = "update WebhookDelivery set status = 'dead_lettered', "
        + "deadLetterReason = :reason, completedAt = :now, nextAttemptAt = null, leaseOwner = null, leaseUntil = null "
        + "where endpointId = :endpoint and status = 'pending' and id <> :except")
public class WebhookDelivery {

    static final String IN_ENDPOINT = "WebhookDelivery.inEndpoint";
    static final String QUEUE_DEPTH = "WebhookDelivery.queueDepth";
    static final String DEAD_LETTER_PENDING = "WebhookDelivery.deadLetterPending";

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String DEAD_LETTERED = "dead_lettered";

    @Id
    public String id;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    /** The {@code webhook-id} header: the same on every attempt and every replay. */
    @Column(name = "webhook_id", nullable = false)
    public String webhookId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The exact bytes sent (and signed): {@code {type, timestamp, data}}. */
    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String status = PENDING;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Token of the claim that holds the delivery while it is attempted; null when not held. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "dead_letter_reason")
    public String deadLetterReason;

    /**
     * The wearer the message is about (an alert's, a state change's alert's, a digest's); null when it is
     * about no wearer. What an erasure deletes by: the payload names the wearer only inside its JSON.
     */
    @Column(name = "wearer_id")
    public String wearerId;

    /** The delivery this one replays; null for an original. */
    @Column(name = "replay_of")
    public String replayOf;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
