package io.spinestream.ingest.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.spinestream.platform.auth.Caller;
import io.spinestream.platform.auth.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Iterator;
import java.util.Optional;

/**
 * Turns a belt credential into a belt identity: checked against the hash of the active credential
 * of its key id, read from PostgreSQL (one primary-key read) unless this instance verified it
 * within {@link BeltAuthConfig.CredentialCache#ttl()} ({@link VerifiedCredentials}). A credential
 * rotated away or retired on this instance is refused at once; through another instance, within
 * that TTL.
 */
@ApplicationScoped
public class BeltIdentityProvider implements IdentityProvider<BeltCredentialRequest> {

    private static final String LOOKUP = """
            SELECT c.belt_id, c.secret_hash, b.clinic_id
              FROM belt_credential c JOIN belt b ON b.id = c.belt_id
             WHERE c.key_id = $1 AND c.revoked_at IS NULL AND b.state = 'active'""";

    private final Pool pool;
    private final VerifiedCredentials verified;

    @Inject
    public BeltIdentityProvider(Pool pool, VerifiedCredentials verified) {
        this.pool = pool;
        this.verified = verified;
    }

    @Override
    public Class<BeltCredentialRequest> getRequestType() {
        return BeltCredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BeltCredentialRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        Optional<String> keyId = BeltCredentialFormat.keyIdOf(token);
        if (keyId.isEmpty()) {
            return refused();
        }
        VerifiedCredentials.Verified known = verified.find(keyId.get());
        if (known != null) {
            return identity(token, keyId.get(), known);
        }
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(keyId.get())).onItem().transformToUni(rows -> {
            Iterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return refused();
            }
            Row row = it.next();
            VerifiedCredentials.Verified found = new VerifiedCredentials.Verified(row.getString("belt_id"),
                    row.getString("clinic_id"), row.getString("secret_hash"));
            if (BeltCredentialFormat.matches(token, found.secretHash())) {
                // Only a credential presented with its secret is remembered: guessing key ids fills nothing.
                verified.remember(keyId.get(), found);
            }
            return identity(token, keyId.get(), found);
        });
    }

    private static Uni<SecurityIdentity> identity(String token, String keyId, VerifiedCredentials.Verified credential) {
        // The secret is checked on every request, remembered or not.
        if (!BeltCredentialFormat.matches(token, credential.secretHash())) {
            return refused();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(credential.beltId()))
                .addRole(Roles.BELT)
                .addAttribute(Caller.CLINIC_ATTRIBUTE, credential.clinicId())
                .addAttribute(BeltIdentity.CREDENTIAL_KEY_ATTRIBUTE, keyId)
                .build());
    }

    private static Uni<SecurityIdentity> refused() {
        // Unknown, malformed, rotated-away and retired look alike: 401, nothing more to learn.
        return Uni.createFrom().failure(new AuthenticationFailedException("belt credential not accepted"));
    }
}
