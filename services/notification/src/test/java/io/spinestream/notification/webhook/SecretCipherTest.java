package io.spinestream.notification.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String KEY_1 = SecretCipher.newKey();
    private static final String KEY_2 = SecretCipher.newKey();

    private final SecretCipher cipher = SecretCipher.parse(List.of("k1:" + KEY_1), Optional.empty());

    @Test
    void givenASecret_whenSealedAndOpenedForTheSameEndpoint_thenItComesBackAndTheStoredBytesHoldNoTraceOfIt() {
        SecretCipher.Sealed sealed = cipher.seal(SECRET, "ep_1");

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(cipher.open(sealed, "ep_1")).isEqualTo(SECRET);
        String stored = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(SECRET).doesNotContain(SECRET.substring("whsec_".length()));
        assertThat(Base64.getEncoder().encodeToString(sealed.ciphertext())).doesNotContain(SECRET.substring(6, 20));
    }

    @Test
    void givenTheSameSecretSealedTwice_whenCompared_thenTheCiphertextsDifferByTheirRandomNonce() {
        assertThat(cipher.seal(SECRET, "ep_1").ciphertext()).isNotEqualTo(cipher.seal(SECRET, "ep_1").ciphertext());
    }

    @Test
    void givenACiphertextOfOneEndpoint_whenOpenedForAnother_thenItIsRefused() {
        SecretCipher.Sealed sealed = cipher.seal(SECRET, "ep_1");

        assertThatThrownBy(() -> cipher.open(sealed, "ep_2"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void givenATamperedCiphertext_whenOpened_thenItIsRefused() {
        SecretCipher.Sealed sealed = cipher.seal(SECRET, "ep_1");
        for (int i : new int[]{0, 12, sealed.ciphertext().length - 1}) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 0x01;

            assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k1", tampered), "ep_1"))
                    .isInstanceOf(SecretCipher.UnreadableSecretException.class);
        }
        assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k1", new byte[10]), "ep_1"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void givenAKeyIdThatIsNotConfigured_whenOpened_thenRefusedNamingTheKey() {
        SecretCipher.Sealed sealed = cipher.seal(SECRET, "ep_1");

        assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k9", sealed.ciphertext()), "ep_1"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("'k9'").hasMessageContaining("not configured");
    }

    @Test
    void givenOtherKeyMaterialUnderTheSameId_whenOpened_thenRefused() {
        SecretCipher.Sealed sealed = cipher.seal(SECRET, "ep_1");
        SecretCipher regenerated = SecretCipher.parse(List.of("k1:" + KEY_2), Optional.empty());

        assertThatThrownBy(() -> regenerated.open(sealed, "ep_1"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void givenAMasterKeyRotation_whenANewKeyBecomesActive_thenOldValuesStillOpenAndNewOnesUseTheNewKey() {
        SecretCipher.Sealed underOld = cipher.seal(SECRET, "ep_1");
        // Phase 1: the new key readable, the old one still active (every instance must learn the new key first).
        SecretCipher both = SecretCipher.parse(List.of("k1:" + KEY_1, "k2:" + KEY_2), Optional.empty());
        // Phase 2: the new key active.
        SecretCipher rotated = SecretCipher.parse(List.of("k1:" + KEY_1, "k2:" + KEY_2), Optional.of("k2"));

        assertThat(both.activeKeyId()).isEqualTo("k1");
        assertThat(both.open(underOld, "ep_1")).isEqualTo(SECRET);
        SecretCipher.Sealed underNew = rotated.seal(rotated.open(underOld, "ep_1"), "ep_1");
        assertThat(underNew.keyId()).isEqualTo("k2");
        assertThat(both.open(underNew, "ep_1")).isEqualTo(SECRET);
        // Phase 3: the old key removed; what it sealed is refused, what the new one sealed opens.
        SecretCipher newOnly = SecretCipher.parse(List.of("k2:" + KEY_2), Optional.empty());
        assertThat(newOnly.open(underNew, "ep_1")).isEqualTo(SECRET);
        assertThatThrownBy(() -> newOnly.open(underOld, "ep_1")).isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void givenMalformedKeySettings_whenParsed_thenEachIsRefusedWithoutEchoingKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        Map<List<String>, String> cases = Map.of(
                List.of(), "no key",
                List.of(" "), "no key",
                List.of(KEY_1), "<id>:<base64",
                List.of("k1:" + shortKey), "16 bytes",
                List.of("k1:not*base64"), "not base64",
                List.of("k 1:" + KEY_1), "key id",
                List.of("k1:" + KEY_1, "k1:" + KEY_2), "twice");
        cases.forEach((entries, message) -> assertThatThrownBy(() -> SecretCipher.parse(entries, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_1).doesNotContain(shortKey)));
        assertThatThrownBy(() -> SecretCipher.parse(List.of("k1:" + KEY_1), Optional.of("k2")))
                .hasMessageContaining("active key 'k2' is not among the keys [k1]");
    }

    @Test
    void givenAUrlSafeKeyAsWritten_whenParsed_thenAccepted() {
        String urlSafe = Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(KEY_1));
        SecretCipher fromUrlSafe = SecretCipher.parse(List.of("k1:" + urlSafe), Optional.empty());

        assertThat(fromUrlSafe.open(cipher.seal(SECRET, "ep_1"), "ep_1")).isEqualTo(SECRET);
    }
}
