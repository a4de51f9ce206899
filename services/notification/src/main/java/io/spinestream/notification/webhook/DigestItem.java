package io.spinestream.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A form fault waiting for its endpoint's digest of the session. Removed when the digest is sealed:
 * from then on the delivery's body holds it.
 */
@Entity
@Table(name = "webhook_digest_item")
// One digest per endpoint, session and wearer: a digest names one wearer, so an erasure deletes exactly theirs.
@NamedQuery(name = DigestItem.OPEN_GROUPS, query = "select i.endpointId, i.sessionId, min(i.createdAt), count(i), "
        + "i.wearerId from DigestItem i group by i.endpointId, i.sessionId, i.wearerId")
public class DigestItem {

    static final String OPEN_GROUPS = "DigestItem.openGroups";

    @Id
    public String id;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    /** The alert's wearer; null when it names none. */
    @Column(name = "wearer_id")
    public String wearerId;

    /** The alert payload as JSON. */
    @Column(nullable = false)
    public String alert;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
