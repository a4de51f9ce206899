package io.spinestream.journal.wearer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of a wearer's profile: its full state, and who made it, when and why. */
@Entity
@Table(name = "wearer_profile_version")
@IdClass(ProfileVersion.Key.class)
public class ProfileVersion {

    @Id
    @Column(name = "wearer_id")
    public String wearerId;

    @Id
    @Column(name = "version")
    public long version;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "conditions", nullable = false)
    public String[] conditions;

    @Column(name = "limits", nullable = false)
    public String limits;

    @Column(name = "birth_year")
    public Integer birthYear;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "reason")
    public String reason;

    /** The composite key: wearer and version. */
    public static class Key implements Serializable {
        public String wearerId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.wearerId, wearerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(wearerId, version);
        }
    }
}
