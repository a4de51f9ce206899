package io.spinestream.notification.webhook;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key settings as the service reads them at start: refused with a message an operator can act on. */
class EndpointSecretsConfigTest {

    @Test
    void givenNoEncryptionKey_whenTheServiceStarts_thenItRefusesNamingTheSettingAndHowToMakeAKey() {
        assertThatThrownBy(() -> new EndpointSecrets(config(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No key to encrypt webhook signing secrets at rest")
                .hasMessageContaining("spinestream.notification.webhooks.secrets.encryption-keys")
                .hasMessageContaining("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void givenAnInvalidKey_whenTheServiceStarts_thenItRefusesSayingWhatIsWrongWithoutTheKey() {
        String halfKey = "c2hvcnQtc2hvcnQtc2hvcnQ=";

        assertThatThrownBy(() -> new EndpointSecrets(config(Map.of("secrets.encryption-keys", "k1:" + halfKey))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Invalid spinestream.notification.webhooks.secrets.encryption-keys")
                .hasMessageContaining("key 'k1' has 17 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(halfKey));
        assertThatThrownBy(() -> new EndpointSecrets(config(Map.of("secrets.encryption-keys",
                "k1:" + SecretCipher.newKey(), "secrets.active-encryption-key", "k2"))))
                .hasMessageContaining("the active key 'k2' is not among the keys [k1]");
    }

    @Test
    void givenSeveralKeys_whenRead_thenTheFirstIsActiveUnlessOneIsNamed() {
        String keys = "new:" + SecretCipher.newKey() + ",old:" + SecretCipher.newKey();

        assertThat(new EndpointSecrets(config(Map.of("secrets.encryption-keys", keys))).cipher().activeKeyId())
                .isEqualTo("new");
        assertThat(new EndpointSecrets(config(Map.of("secrets.encryption-keys", keys,
                "secrets.active-encryption-key", "old"))).cipher().activeKeyId()).isEqualTo("old");
    }

    private static WebhookConfig config(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("spinestream.notification.webhooks." + key, value));
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .withMapping(WebhookConfig.class)
                .build()
                .getConfigMapping(WebhookConfig.class);
    }
}
