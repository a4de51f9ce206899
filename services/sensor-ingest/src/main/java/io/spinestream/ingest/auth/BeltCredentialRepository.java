package io.spinestream.ingest.auth;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Issues and revokes belt credentials inside the caller's transaction. Verification does not go
 * through here but through {@link BeltIdentityProvider}; whoever revokes fires
 * {@link BeltCredentialsRevoked}, which ends this instance's trust in the belt's credentials at
 * once ({@link VerifiedCredentials}); other instances stop trusting them within the cache's TTL.
 */
@ApplicationScoped
public class BeltCredentialRepository implements PanacheRepositoryBase<BeltCredential, String> {

    private final SecureRandom random = new SecureRandom();

    /** Stores a new credential for the belt and returns it; the token is never stored. */
    public Uni<BeltCredentialFormat.Issued> issue(String beltId, Instant now) {
        BeltCredentialFormat.Issued issued = BeltCredentialFormat.issue(random);
        BeltCredential credential = new BeltCredential();
        credential.keyId = issued.keyId();
        credential.beltId = beltId;
        credential.secretHash = issued.secretHash();
        credential.issuedAt = now;
        return persist(credential).replaceWith(issued);
    }

    /** Revokes the belt's active credential, if any. */
    public Uni<Void> revokeActive(String beltId, Instant now) {
        return list("beltId = ?1 and revokedAt is null", beltId)
                .invoke(active -> active.forEach(credential -> credential.revokedAt = now))
                .chain(this::flush);
    }
}
