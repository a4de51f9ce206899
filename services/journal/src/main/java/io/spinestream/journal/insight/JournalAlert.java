package io.spinestream.journal.insight;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An alert the journal raised: a red flag of a pain entry, or an advisory. One per cause. */
@Entity
@Table(name = "journal_alert")
public class JournalAlert {

    public static final String RED_FLAG = "red_flag";
    public static final String ADVISORY = "advisory";

    /** The CloudEvents id of the alert event (and its {@code alertId}). */
    @Id
    @Column(name = "alert_id")
    public String alertId;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    /** {@link #RED_FLAG} or {@link #ADVISORY}. */
    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "severity", nullable = false)
    public String severity;

    @Column(name = "rule", nullable = false)
    public String rule;

    /** What it is about, once: a pain entry id, an ISO week, a streak's first week, an episode's first day, a session. */
    @Column(name = "cause", nullable = false)
    public String cause;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "value")
    public Double value;

    @Column(name = "limit_value")
    public Double limit;

    @Column(name = "unit")
    public String unit;

    @Column(name = "pain_entry_id")
    public String painEntryId;

    /** Further facts, JSON string map (as in the alert event). */
    @Column(name = "details", nullable = false)
    public String details = "{}";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
