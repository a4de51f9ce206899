package io.spinestream.journal.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A clinic's request to erase one of its wearers. Holds no health data: ids, who asked and when. Its
 * {@link #wearerId} is the journal's tombstone of the wearer (a repeated request finds the erasure; data
 * still arriving for the wearer is dropped).
 */
@Entity
@Table(name = "erasure")
public class Erasure {

    /** {@link ErasureIds}. */
    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false, unique = true)
    public String wearerId;

    /** The clinic admin who asked; null when the journal learnt the erasure from the topic (a restored database). */
    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
}
