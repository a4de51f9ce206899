package io.spinestream.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One HTTP attempt of a delivery, for the delivery log. Holds no payload and no response body. */
@Entity
@Table(name = "webhook_attempt")
@NamedQuery(name = WebhookAttempt.OF_DELIVERY, query = "from WebhookAttempt where deliveryId = :id order by attempt")
@NamedQuery(name = WebhookAttempt.LAST_DURATIONS, query = "select a.deliveryId, a.durationMs from WebhookAttempt a "
        + "where a.deliveryId in :ids "
        + "and a.attempt = (select max(b.attempt) from WebhookAttempt b where b.deliveryId = a.deliveryId)")
public class WebhookAttempt {

    static final String OF_DELIVERY = "WebhookAttempt.ofDelivery";
    static final String LAST_DURATIONS = "WebhookAttempt.lastDurations";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public String deliveryId;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    /** 1 for the first attempt of the delivery. */
    @Column(nullable = false)
    public int attempt;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    /** The receiver's HTTP status; null when there was no response. */
    @Column(name = "status_code")
    public Integer statusCode;

    /** {@link SendResult.Outcome} in lowercase. */
    @Column(nullable = false)
    public String outcome;

    public String error;
}
