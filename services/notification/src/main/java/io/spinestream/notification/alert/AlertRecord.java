package io.spinestream.notification.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

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
}
