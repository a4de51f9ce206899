package io.spinestream.ingest.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A belt of the fleet registry; owned by exactly one clinic. */
@Entity
@Table(name = "belt")
public class Belt {

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    public String model;

    public String firmware;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BeltState state = BeltState.active;

    @Column(name = "wearer_id")
    public String wearerId;

    @Column(name = "provisioned_at", nullable = false)
    public Instant provisionedAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    public Float battery;

    @Column(name = "last_seq")
    public Long lastSeq;

    @Column(name = "retired_at")
    public Instant retiredAt;
}
