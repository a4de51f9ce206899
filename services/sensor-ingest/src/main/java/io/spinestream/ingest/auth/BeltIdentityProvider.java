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
 * Turns a belt credential into a belt identity. Checked against PostgreSQL on every request (one
 * primary-key read) rather than cached, so that a rotated-away or retired credential stops working
 * at once on every instance, with no invalidation to get wrong.
 */
@ApplicationScoped
public class BeltIdentityProvider implements IdentityProvider<BeltCredentialRequest> {

    private static final String LOOKUP = """
            SELECT c.belt_id, c.secret_hash, b.clinic_id
              FROM belt_credential c JOIN belt b ON b.id = c.belt_id
             WHERE c.key_id = $1 AND c.revoked_at IS NULL AND b.state = 'active'""";

    private final Pool pool;

    @Inject
    public BeltIdentityProvider(Pool pool) {
        this.pool = pool;
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
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(keyId.get())).onItem().transformToUni(rows -> {
            Iterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return refused();
            }
            Row row = it.next();
            if (!BeltCredentialFormat.matches(token, row.getString("secret_hash"))) {
                return refused();
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(row.getString("belt_id")))
                    .addRole(Roles.BELT)
                    .addAttribute(Caller.CLINIC_ATTRIBUTE, row.getString("clinic_id"))
                    .addAttribute(BeltIdentity.CREDENTIAL_KEY_ATTRIBUTE, keyId.get())
                    .build());
        });
    }

    private static Uni<SecurityIdentity> refused() {
        // Unknown, malformed, rotated-away and retired look alike: 401, nothing more to learn.
        return Uni.createFrom().failure(new AuthenticationFailedException("belt credential not accepted"));
    }
}
