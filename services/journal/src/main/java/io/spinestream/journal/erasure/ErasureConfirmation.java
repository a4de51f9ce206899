package io.spinestream.journal.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One service's part of an erasure: pending until its receipt arrives, then what it removed and when. */
@Entity
@Table(name = "erasure_confirmation")
@IdClass(ErasureConfirmation.Key.class)
public class ErasureConfirmation {

    @Id
    @Column(name = "erasure_id")
    public String erasureId;

    /** A registry service name ({@code Topics.erasureParticipants()} at the time of the request). */
    @Id
    @Column(name = "service")
    public String service;

    /** The CloudEvents id of the receipt that confirmed it; null while pending. */
    @Column(name = "receipt_id")
    public String receiptId;

    /** Records removed by kind, JSON {@code {"kind": count}}; null while pending. */
    @Column(name = "removed")
    public String removed;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean isCompleted() {
        return completedAt != null;
    }

    /** The composite key: erasure and service. */
    public static class Key implements Serializable {
        public String erasureId;
        public String service;

        public Key() {
        }

        public Key(String erasureId, String service) {
            this.erasureId = erasureId;
            this.service = service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.erasureId, erasureId) && Objects.equals(k.service, service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(erasureId, service);
        }
    }
}
