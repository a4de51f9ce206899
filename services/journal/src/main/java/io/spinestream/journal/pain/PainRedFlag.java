package io.spinestream.journal.pain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One red flag found in a pain entry (an entry's alert covers all of its flags). */
@Entity
@Table(name = "pain_red_flag")
@IdClass(PainRedFlag.Key.class)
public class PainRedFlag {

    @Id
    @Column(name = "pain_entry_id")
    public String painEntryId;

    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "wearer_id", nullable = false)
    public String wearerId;

    @Column(name = "severity", nullable = false)
    public String severity;

    @Column(name = "rule", nullable = false)
    public String rule;

    @Column(name = "reason", nullable = false)
    public String reason;

    /** The entry's time. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The composite key: entry and code. */
    public static class Key implements Serializable {
        public String painEntryId;
        public String code;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.painEntryId, painEntryId) && Objects.equals(k.code, code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(painEntryId, code);
        }
    }
}
