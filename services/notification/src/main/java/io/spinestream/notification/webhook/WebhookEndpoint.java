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

    /**
     * The signing secret ({@code whsec_…}) encrypted with {@link #secretKeyId} and bound to this
     * endpoint's id ({@link EndpointSecrets}); never shown again after creation or rotation.
     */
    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;

    @Column(name = "secret_key_id")
    public String secretKeyId;

    /** The secret before the last rotation, encrypted likewise, still signing until {@link #previousSecretExpires}. */
    @Column(name = "previous_secret_ciphertext")
    public byte[] previousSecretCiphertext;

    @Column(name = "previous_secret_key_id")
    public String previousSecretKeyId;

    @Column(name = "previous_secret_expires")
    public Instant previousSecretExpires;

    /**
     * A secret in plaintext as releases before V5 stored it (or an instance of such a release writes
     * during a rolling upgrade): used until {@link SecretsAtRest} encrypts it, which clears it.
     */
    @Column(name = "secret")
    public String legacySecret;

    @Column(name = "previous_secret")
    public String legacyPreviousSecret;

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
