package io.spinestream.notification.webhook;

import io.spinestream.notification.support.StringListConverter;
import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A clinic's subscription: where to send which events, signed with which secret. */
@Entity
@DynamicUpdate
@Table(name = "webhook_endpoint")
@NamedQuery(name = WebhookEndpoint.BY_IDS, query = "from WebhookEndpoint where id in :ids")
public class WebhookEndpoint {

    // Named queries are parsed once at boot, not on an event loop at first use.
    static final String BY_IDS = "WebhookEndpoint.byIds";

    @Id
    public String id;

    @Column(name = "clinic_id", nullable = false)
    public String clinicId;

    @Column(nullable = false)
    public String url;

    public String description;

    /** Event types delivered; empty means every type. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = List.of();

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** {@code whsec_…}; never shown again after creation or rotation. */
    @Column(nullable = false)
    public String secret;

    /** The secret before the last rotation, still signing until {@link #previousSecretExpires}. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires")
    public Instant previousSecretExpires;

    @Column(name = "digest_enabled", nullable = false)
    public boolean digestEnabled;

    @Column(name = "digest_window_ms", nullable = false)
    public long digestWindowMs;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether events of {@code type} go to this endpoint (its filter; enabled or not). */
    public boolean subscribes(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }
}
