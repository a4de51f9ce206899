package io.spinestream.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lifts the JWT {@code clinic} claim into the identity attribute {@link Caller#CLINIC_ATTRIBUTE},
 * so that every kind of caller (people by JWT, belts by credential) is scoped the same way.
 * A people token without a clinic is refused: nothing on this platform is unscoped.
 */
@ApplicationScoped
public class ClinicClaimAugmentor implements SecurityIdentityAugmentor {

    public static final String CLINIC_CLAIM = "clinic";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Caller.CLINIC_ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Object clinic = jwt.getClaim(CLINIC_CLAIM);
        String clinicId = clinic == null ? null : clinic.toString().replace("\"", "");
        if (clinicId == null || clinicId.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token carries no clinic claim"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.CLINIC_ATTRIBUTE, clinicId)
                .build());
    }
}
