package io.spinestream.journal.wearer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * A person wearing a belt, known to one clinic (by name or pseudonym). The id is the journal's
 * ({@link WearerIds}; wearers enrolled before it kept the id their clinic chose).
 */
@Entity
@Table(name = "wearer")
public class Wearer {

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    /** The clinic's own reference ({@link ExternalRefs}), unique within the clinic; null when none. */
    @Column(name = "external_ref")
    public String externalRef;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "birth_year")
    public Integer birthYear;

    /** Condition codes ({@link Condition}), sorted. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "conditions", nullable = false)
    public String[] conditions = new String[0];

    /** Clinician-set limits as JSON of {@link io.spinestream.events.payload.Limits}. */
    @Column(name = "limits", nullable = false)
    public String limits = "{}";

    /** Increases with every change of conditions, limits or birth year; the wearer-profile event's version. */
    @Column(name = "profile_version", nullable = false)
    public long profileVersion;

    /** IANA zone id: the wearer's days, weeks and times of day. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Whether the wearer agreed to the export of their journal to the clinic's health records (FHIR). */
    @Column(name = "consent_ehr_export", nullable = false)
    public boolean consentEhrExport;

    @Column(name = "consent_recorded_at")
    public Instant consentRecordedAt;

    @Column(name = "consent_recorded_by")
    public String consentRecordedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
