package io.spinestream.notification.alert;

import io.spinestream.notification.support.StringMapConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;

/** An alert as notification keeps it: what was raised, for whom, and where it stands. */
@Entity
@Table(name = "alert")
public class AlertRecord {

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    /** The CloudEvents type it arrived as (e.g. {@code io.spinestream.form.fault.v1}). */
    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String state = "open";

    @Column(name = "belt_id")
    public String beltId;

    @Column(name = "wearer_id")
    public String wearerId;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    public String activity;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "measured_value")
    public Double value;

    @Column(name = "limit_value")
    public Double limit;

    public String unit;

    /** Raised from a batch that arrived after newer ones: shown, but it never vibrated the belt. */
    @Column(nullable = false)
    public boolean late;

    public String reason;

    @Convert(converter = StringMapConverter.class)
    @Column(nullable = false)
    public Map<String, String> details = Map.of();

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_note")
    public String acknowledgedNote;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_note")
    public String resolvedNote;
}
