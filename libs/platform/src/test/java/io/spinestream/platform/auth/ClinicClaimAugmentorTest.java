package io.spinestream.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.json.Json;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClinicClaimAugmentorTest {

    private final ClinicClaimAugmentor augmentor = new ClinicClaimAugmentor();

    @Test
    void givenAPeopleTokenWithAClinic_whenAugmented_thenTheClinicIsTheCallersAndItsRolesStay() {
        SecurityIdentity identity = augment(token(Json.createValue("clinic-a")), Set.of("clinician"));

        assertThat((String) identity.getAttribute(Caller.CLINIC_ATTRIBUTE)).isEqualTo("clinic-a");
        assertThat(identity.getRoles()).containsExactly("clinician");
    }

    @Test
    void givenAClinicClaimInQuotes_whenAugmented_thenItIsTakenVerbatimAndNamesNoOtherClinic() {
        SecurityIdentity identity = augment(token(Json.createValue("\"clinic-a\"")), Set.of("clinician"));

        assertThat((String) identity.getAttribute(Caller.CLINIC_ATTRIBUTE)).isEqualTo("\"clinic-a\"");
    }

    @Test
    void givenAPeopleTokenClaimingTheBeltRole_whenAugmented_thenItIsNoBelt() {
        SecurityIdentity identity = augment(token(Json.createValue("clinic-a")), Set.of("belt", "wearer"));

        assertThat(identity.getRoles()).containsExactly("wearer");
        assertThat(identity.hasRole(Roles.BELT)).isFalse();
        assertThat((String) identity.getAttribute(Caller.CLINIC_ATTRIBUTE)).isEqualTo("clinic-a");
        assertThat(identity.getPrincipal().getName()).isEqualTo("SB-000001");
    }

    @Test
    void givenAClinicClaimThatIsNotAString_whenAugmented_thenTheTokenIsRefused() {
        assertThatThrownBy(() -> augment(token(Json.createValue(42)), Set.of("clinician")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> augment(token(Json.createArrayBuilder().add("clinic-a").build()), Set.of("clinician")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> augment(token(null), Set.of("clinician")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    private SecurityIdentity augment(JsonWebToken jwt, Set<String> roles) {
        SecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(roles).build();
        return augmentor.augment(identity, null).await().indefinitely();
    }

    private static JsonWebToken token(Object clinic) {
        Map<String, Object> claims = clinic == null ? Map.of() : Map.of(ClinicClaimAugmentor.CLINIC_CLAIM, clinic);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "SB-000001";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
