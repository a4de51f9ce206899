package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    @TempDir
    Path dir;

    private JwtKeys keys() {
        return new JwtKeys(dir.resolve("keys/jwt-private.pem"), dir.resolve("keys/jwt-public.pem"));
    }

    @Test
    void givenKeysExist_whenEnsuredAgain_thenTheyAreKeptAndOldTokensStillVerify() throws Exception {
        JwtKeys first = keys();
        assertThat(first.ensure()).isTrue();
        byte[] privateBefore = Files.readAllBytes(first.privateKeyFile());
        byte[] publicBefore = Files.readAllBytes(first.publicKeyFile());
        String token = new TokenIssuer(first, LocalPlatform.JWT_ISSUER)
                .issue("integrator", "c9", null, Duration.ofMinutes(5), Instant.now());

        JwtKeys second = keys();
        boolean generated = second.ensure();

        assertThat(generated).isFalse();
        assertThat(Files.readAllBytes(second.privateKeyFile())).isEqualTo(privateBefore);
        assertThat(Files.readAllBytes(second.publicKeyFile())).isEqualTo(publicBefore);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(second.publicKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void givenOnlyThePrivateKey_whenEnsured_thenThePublicKeyIsDerivedFromIt() throws Exception {
        JwtKeys keys = keys();
        keys.ensure();
        byte[] publicBefore = Files.readAllBytes(keys.publicKeyFile());
        byte[] privateBefore = Files.readAllBytes(keys.privateKeyFile());
        Files.delete(keys.publicKeyFile());

        assertThat(keys().ensure()).isTrue();

        assertThat(Files.readAllBytes(keys.publicKeyFile())).isEqualTo(publicBefore);
        assertThat(Files.readAllBytes(keys.privateKeyFile())).isEqualTo(privateBefore);
    }
}
