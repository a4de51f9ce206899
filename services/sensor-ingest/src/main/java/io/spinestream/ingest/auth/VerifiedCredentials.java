package io.spinestream.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The belt credentials this instance found active in the database a moment ago, by key id, so that
 * an upload needs no read to authenticate. Only the stored hash is kept: every request is still
 * checked against it. Trust ends after {@link BeltAuthConfig.CredentialCache#ttl()}; a rotation or
 * retirement on this instance ends it at once, and for a TTL after it nothing of that belt is
 * remembered, so that a read racing the revoking transaction's commit cannot bring the old
 * credential back.
 */
@ApplicationScoped
public class VerifiedCredentials {

    /** A credential found active: its belt, the belt's clinic, the SHA-256 of its secret. */
    public record Verified(String beltId, String clinicId, String secretHash) {
    }

    private final Cache<String, Verified> byKeyId;
    private final Cache<String, Boolean> recentlyRevoked;
    private final boolean enabled;

    @Inject
    public VerifiedCredentials(BeltAuthConfig config) {
        BeltAuthConfig.CredentialCache cache = config.credentialCache();
        this.enabled = !cache.ttl().isZero() && cache.maxSize() > 0;
        this.byKeyId = Caffeine.newBuilder().expireAfterWrite(cache.ttl()).maximumSize(Math.max(cache.maxSize(), 1))
                .build();
        this.recentlyRevoked = Caffeine.newBuilder().expireAfterWrite(cache.ttl()).build();
    }

    /** The credential of this key id if it was verified within the TTL; null if it must be read. */
    public Verified find(String keyId) {
        return enabled ? byKeyId.getIfPresent(keyId) : null;
    }

    /** Remembers a credential just read as active, unless its belt's credentials were revoked here lately. */
    public void remember(String keyId, Verified verified) {
        if (enabled && recentlyRevoked.getIfPresent(verified.beltId()) == null) {
            byKeyId.put(keyId, verified);
            // A revocation that ran while this was put must still win.
            if (recentlyRevoked.getIfPresent(verified.beltId()) != null) {
                byKeyId.invalidate(keyId);
            }
        }
    }

    // Fired inside the revoking transaction, before its commit: hence the quarantine of the belt.
    void onRevoked(@Observes BeltCredentialsRevoked revoked) {
        recentlyRevoked.put(revoked.beltId(), Boolean.TRUE);
        byKeyId.asMap().values().removeIf(verified -> verified.beltId().equals(revoked.beltId()));
    }
}
