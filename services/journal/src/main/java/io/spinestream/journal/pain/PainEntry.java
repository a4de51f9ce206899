package io.spinestream.journal.pain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One pain-journal entry (journal.md, "A pain entry"). Never edited: a correction is a new entry. */
@Entity
@Table(name = "pain_entry")
public class PainEntry {

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    /** When the pain was (not when it was typed in). */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The exercise-log entry the pain relates to, if the wearer named one. */
    @Column(name = "exercise_entry_id")
    public String exerciseEntryId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "locations", nullable = false)
    public String[] locations;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "qualities", nullable = false)
    public String[] qualities;

    @Column(name = "intensity", nullable = false)
    public short intensity;

    @Column(name = "onset")
    public String onset;

    @Column(name = "onset_hours")
    public Double onsetHours;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "worse_at", nullable = false)
    public String[] worseAt = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "triggers", nullable = false)
    public String[] triggers = new String[0];

    @Column(name = "triggers_text")
    public String triggersText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "relieving_factors", nullable = false)
    public String[] relievingFactors = new String[0];

    @Column(name = "relieving_text")
    public String relievingText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "symptoms", nullable = false)
    public String[] symptoms = new String[0];

    @Column(name = "movement_response")
    public String movementResponse;

    /** Medications and treatments with their effect, JSON list of {@link Treatment}. */
    @Column(name = "treatments", nullable = false)
    public String treatments = "[]";

    @Column(name = "mood")
    public Short mood;

    @Column(name = "stress")
    public Short stress;

    @Column(name = "note")
    public String note;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
