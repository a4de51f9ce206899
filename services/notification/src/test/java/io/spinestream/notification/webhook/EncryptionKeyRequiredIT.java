package io.spinestream.notification.webhook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, started as production starts it but without the key of the webhook
 * secrets at rest, refuses to start and says what to set. Nothing else is provided either (no
 * database, no broker): the key is checked before they are needed.
 */
class EncryptionKeyRequiredIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void givenNoEncryptionKey_whenTheServiceStarts_thenItExitsNamingTheSetting() throws Exception {
        Started started = start(Map.of());

        assertThat(started.exitCode()).as(started.output()).isNotZero();
        assertThat(started.output())
                .contains("No key to encrypt webhook signing secrets at rest")
                .contains("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS");
    }

    @Test
    void givenAKeyOfTheWrongSize_whenTheServiceStarts_thenItExitsSayingWhyWithoutPrintingTheKey() throws Exception {
        String halfKey = "c2hvcnQtc2hvcnQtc2hvcnQ=";

        Started started = start(Map.of("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS", "k1:" + halfKey));

        assertThat(started.exitCode()).as(started.output()).isNotZero();
        assertThat(started.output()).contains("key 'k1' has 17 bytes").doesNotContain(halfKey);
    }

    private record Started(int exitCode, String output) {
    }

    private static Started start(Map<String, String> extra) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged service (mvn package)").exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SPINESTREAM_") || name.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("SPINESTREAM_DB_HOST", "127.0.0.1");
        env.put("SPINESTREAM_DB_PORT", "1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.putAll(extra);
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "could not read the output: " + e;
            }
        });
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return new Started(0, "still running after 2 minutes: " + output.getNow(""));
        }
        String text = output.join();
        return new Started(process.exitValue(), text);
    }
}
