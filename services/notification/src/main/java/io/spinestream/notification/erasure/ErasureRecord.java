package io.spinestream.notification.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An erasure carried out here: which wearer of which clinic, what was removed and when. No health data. It
 * is how a request read again answers the same receipt, and how late data of the wearer is recognised.
 */
@Entity
@Table(name = "erasure")
public class ErasureRecord {

    /** The erasure id of the request. */
    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** Records removed by kind, JSON {@code {"kind": count}}. */
    @Column(nullable = false)
    public String removed;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;
}
