package io.spinestream.ingest.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One period in which a wearer wore a belt; open while {@link #unassignedAt} is null. */
@Entity
@Table(name = "belt_assignment")
public class BeltAssignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "belt_id", nullable = false)
    public String beltId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "unassigned_at")
    public Instant unassignedAt;

    static BeltAssignment open(String beltId, String wearerId, Instant at) {
        BeltAssignment assignment = new BeltAssignment();
        assignment.beltId = beltId;
        assignment.wearerId = wearerId;
        assignment.assignedAt = at;
        return assignment;
    }
}
