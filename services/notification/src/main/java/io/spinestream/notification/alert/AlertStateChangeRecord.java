package io.spinestream.notification.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One step of an alert's lifecycle; its id is the id of the ALERT_STATE_CHANGED event it caused. */
@Entity
@Table(name = "alert_state_change")
public class AlertStateChangeRecord {

    @Id
    public String id;

    @Column(name = "alert_id", nullable = false)
    public String alertId;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(nullable = false)
    public String state;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public String note;
}
