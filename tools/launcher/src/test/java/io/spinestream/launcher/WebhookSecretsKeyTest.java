package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretsKeyTest {

    @TempDir
    Path dir;

    @Test
    void givenAFreshCheckout_whenTheNotificationEnvironmentIsBuilt_thenAKeyIsGeneratedOnceOnlyForTheUserAndPassedToNotificationOnly()
            throws Exception {
        Workspace ws = Workspace.at(dir);

        Map<String, String> notification = LocalPlatform.environment(ws, LocalPlatform.service(LocalPlatform.NOTIFICATION));
        Map<String, String> again = LocalPlatform.environment(ws, LocalPlatform.service(LocalPlatform.NOTIFICATION));
        Map<String, String> journal = LocalPlatform.environment(ws, LocalPlatform.service(LocalPlatform.JOURNAL));

        String setting = notification.get(WebhookSecretsKey.ENV);
        assertThat(setting).startsWith("local:");
        assertThat(Base64.getDecoder().decode(setting.substring("local:".length()))).hasSize(32);
        assertThat(again.get(WebhookSecretsKey.ENV)).isEqualTo(setting);
        assertThat(journal).doesNotContainKey(WebhookSecretsKey.ENV);
        Path file = WebhookSecretsKey.of(ws).file();
        assertThat(file).isEqualTo(ws.keysDir().resolve("webhook-secrets.key"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(WebhookSecretsKey.of(ws).ensure()).isFalse();
    }

    @Test
    void givenTwoCheckouts_whenEachGeneratesItsKey_thenTheKeysDiffer() throws Exception {
        String first = new WebhookSecretsKey(dir.resolve("a/keys/webhook-secrets.key")).setting();
        String second = new WebhookSecretsKey(dir.resolve("b/keys/webhook-secrets.key")).setting();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void givenADamagedKeyFile_whenRead_thenRefusedWithoutReplacingIt() throws Exception {
        WebhookSecretsKey key = new WebhookSecretsKey(dir.resolve("keys/webhook-secrets.key"));
        key.ensure();
        Files.writeString(key.file(), "local:truncated\n");

        assertThatThrownBy(key::setting).isInstanceOf(IOException.class).hasMessageContaining("is not a key");
        assertThat(Files.readString(key.file())).isEqualTo("local:truncated\n");
    }
}
