package io.spinestream.journal.wearer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person wearing a belt, known to one clinic (by name or pseudonym). */
@Entity
@Table(name = "wearer")
public class Wearer {

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "birth_year")
    public Integer birthYear;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
