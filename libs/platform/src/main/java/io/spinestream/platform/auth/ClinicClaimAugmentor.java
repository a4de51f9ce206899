package io.spinestream.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifts the JWT {@code clinic} claim into the identity attribute {@link Caller#CLINIC_ATTRIBUTE},
 * so that every kind of caller (people by JWT, belts by credential) is scoped the same way.
 * A people token without a clinic, or whose clinic is not a string, is refused: nothing on this
 * platform is unscoped. The claim is taken verbatim (never trimmed or unquoted), so no other value
 * can stand for a clinic's id. A people token never holds the {@link Roles#BELT} role, whatever its
 * {@code groups} say: only a belt's own credential makes a caller a belt.
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
        String clinicId = clinicOf(jwt.getClaim(CLINIC_CLAIM));
        if (clinicId == null || clinicId.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token carries no clinic claim"));
        }
        QuarkusSecurityIdentity.Builder builder = identity.getRoles().contains(Roles.BELT)
                ? withoutBeltRole(identity)
                : QuarkusSecurityIdentity.builder(identity);
        return Uni.createFrom().item(builder.addAttribute(Caller.CLINIC_ATTRIBUTE, clinicId).build());
    }

    /** The claim's string value; {@code null} for anything else (a number, an array, an object). */
    static String clinicOf(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    private static QuarkusSecurityIdentity.Builder withoutBeltRole(SecurityIdentity identity) {
        Set<String> roles = identity.getRoles().stream().filter(role -> !Roles.BELT.equals(role))
                .collect(Collectors.toUnmodifiableSet());
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .setAnonymous(false)
                .addRoles(roles)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
        return builder;
    }
}
