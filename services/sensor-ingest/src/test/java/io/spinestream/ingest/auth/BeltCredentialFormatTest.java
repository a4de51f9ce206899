package io.spinestream.ingest.auth;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BeltCredentialFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void givenIssuedCredential_whenInspected_thenPrefixedFixedLengthAndOnlyItsHashIsKept() {
        BeltCredentialFormat.Issued issued = BeltCredentialFormat.issue(random);

        assertThat(issued.token()).startsWith("ssb_").hasSize(64);
        assertThat(BeltCredentialFormat.keyIdOf(issued.token())).contains(issued.keyId());
        assertThat(issued.secretHash()).hasSize(64).doesNotContain(issued.token().substring(21));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void givenManyIssuedCredentials_whenCompared_thenAllDistinct() {
        Set<String> tokens = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            BeltCredentialFormat.Issued issued = BeltCredentialFormat.issue(random);
            tokens.add(issued.token());
            keyIds.add(issued.keyId());
        }
        assertThat(tokens).hasSize(1000);
        assertThat(keyIds).hasSize(1000);
    }

    @Test
    void givenStoredHash_whenMatchedAgainstTheCredentialAndAnAlteredOne_thenOnlyTheCredentialMatches() {
        BeltCredentialFormat.Issued issued = BeltCredentialFormat.issue(random);
        String altered = issued.token().substring(0, 63) + (issued.token().endsWith("A") ? "B" : "A");

        assertThat(BeltCredentialFormat.matches(issued.token(), issued.secretHash())).isTrue();
        assertThat(BeltCredentialFormat.matches(altered, issued.secretHash())).isFalse();
        assertThat(BeltCredentialFormat.matches(issued.token(), "not-hex")).isFalse();
    }

    @Test
    void givenJwtOrMalformedTokens_whenClassified_thenOnlyPrefixedOnesAreBeltCredentialsAndOnlyWellFormedHaveKeyIds() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        String valid = BeltCredentialFormat.issue(random).token();

        assertThat(BeltCredentialFormat.isBeltCredential(jwt)).isFalse();
        assertThat(BeltCredentialFormat.isBeltCredential(null)).isFalse();
        assertThat(BeltCredentialFormat.isBeltCredential(valid)).isTrue();
        assertThat(BeltCredentialFormat.keyIdOf(jwt)).isEmpty();
        assertThat(BeltCredentialFormat.keyIdOf("ssb_short")).isEmpty();
        assertThat(BeltCredentialFormat.keyIdOf(valid.replace('.', '_'))).isEmpty();
        assertThat(BeltCredentialFormat.keyIdOf(valid.substring(0, 30) + "!" + valid.substring(31))).isEmpty();
    }
}
