package io.spinestream.journal.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of a wearer's exercise log: a belt session or a manual entry. */
@Entity
@Table(name = "exercise_entry")
public class ExerciseEntry {

    public static final String BELT = "belt";
    public static final String MANUAL = "manual";

    /** For belt sessions, the session id itself (deterministic, so a redelivered summary finds its entry). */
    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    /** {@link #BELT} or {@link #MANUAL}. */
    @Column(name = "source", nullable = false)
    public String source;

    @Column(name = "session_id")
    public String sessionId;

    /** The CloudEvents id of the session summary this entry came from. */
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "belt_id")
    public String beltId;

    /** Activity code: the belt's, or the manual entry's exercise. */
    @Column(name = "activity", nullable = false)
    public String activity;

    /** A manual entry's own name for the exercise. */
    @Column(name = "exercise_name")
    public String exerciseName;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    /** Training volume in milliseconds: belt time under load, or a manual entry's duration. */
    @Column(name = "volume_ms", nullable = false)
    public long volumeMs;

    @Column(name = "sets")
    public Integer sets;

    @Column(name = "reps")
    public Integer reps;

    @Column(name = "load_kg")
    public Double loadKg;

    @Column(name = "rpe")
    public Short rpe;

    @Column(name = "equipment")
    public String equipment;

    @Column(name = "hold_seconds")
    public Double holdSeconds;

    @Column(name = "time_under_load_seconds")
    public Double timeUnderLoadSeconds;

    @Column(name = "impacts")
    public Integer impacts;

    @Column(name = "form_score")
    public Short formScore;

    /** Fault code → episodes, JSON. */
    @Column(name = "faults", nullable = false)
    public String faults = "{}";

    /** Per-rep metrics of a belt session, JSON list of {@link io.spinestream.events.payload.RepMetrics}. */
    @Column(name = "rep_metrics", nullable = false)
    public String repMetrics = "[]";

    @Column(name = "note")
    public String note;

    /** Who recorded it: a person's subject, or {@code form-analysis} for belt sessions. */
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
