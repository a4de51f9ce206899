package io.spinestream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo receiver verifies deliveries as docs/webhooks.md says a receiver must; the deliveries
 * here are signed by the Standard Webhooks library the same page recommends, not by our code.
 */
class WebhookReceiverTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String BODY = "{\"type\":\"io.spinestream.form.fault.v1\",\"timestamp\":\"2026-11-21T09:59:59Z\","
            + "\"data\":{\"alertId\":\"a-1\",\"code\":\"ROUNDED_BACK\",\"severity\":\"critical\",\"clinicId\":\"clinic-demo\","
            + "\"beltId\":\"DEMO-0001\",\"wearerId\":\"w-1\",\"value\":23.4,\"limit\":20.0}}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookReceiver receiver;
    private Path log;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        log = dir.resolve("webhooks.log");
        receiver = WebhookReceiver.start(0, log, Clock.fixed(NOW, ZoneOffset.UTC));
        secret = newSecret();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private int deliver(String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(receiver.url())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        return new Webhook(secret).sign(id, timestamp, body);
    }

    private List<String> logLines() throws Exception {
        return Files.readAllLines(log);
    }

    @Test
    void givenADeliverySignedWithTheEndpointSecret_whenItArrives_thenItIsAcknowledgedAndLoggedAsVerified() throws Exception {
        receiver.secret(secret);
        long ts = NOW.getEpochSecond();

        int status = deliver("msg_1", ts, sign(secret, "msg_1", ts, BODY), BODY);

        assertThat(status).isEqualTo(204);
        assertThat(receiver.verified()).isEqualTo(1);
        assertThat(logLines()).singleElement().asString()
                .contains("verified", "msg_1", "io.spinestream.form.fault.v1", "code=ROUNDED_BACK", "severity=critical",
                        "beltId=DEMO-0001", "wearerId=w-1")
                .as("no measured values in the log").doesNotContain("23.4");
    }

    @Test
    void givenTheSameDeliveryAgain_whenItArrives_thenItIsAcknowledgedButNotProcessedTwice() throws Exception {
        receiver.secret(secret);
        long ts = NOW.getEpochSecond();
        deliver("msg_2", ts, sign(secret, "msg_2", ts, BODY), BODY);

        int again = deliver("msg_2", ts + 30, sign(secret, "msg_2", ts + 30, BODY), BODY);

        assertThat(again).isEqualTo(204);
        assertThat(receiver.verified()).isEqualTo(1);
        assertThat(logLines()).hasSize(2).last().asString().contains("duplicate", "msg_2");
    }

    @Test
    void givenASignatureMadeWithAnotherSecret_whenItArrives_thenItIsRefused() throws Exception {
        receiver.secret(secret);
        long ts = NOW.getEpochSecond();

        int status = deliver("msg_3", ts, sign(newSecret(), "msg_3", ts, BODY), BODY);

        assertThat(status).isEqualTo(401);
        assertThat(receiver.verified()).isZero();
        assertThat(logLines()).singleElement().asString().contains("refused", "bad signature", "msg_3");
    }

    @Test
    void givenABodyChangedAfterSigning_whenItArrives_thenItIsRefused() throws Exception {
        receiver.secret(secret);
        long ts = NOW.getEpochSecond();

        int status = deliver("msg_4", ts, sign(secret, "msg_4", ts, BODY), BODY.replace("23.4", "13.4"));

        assertThat(status).isEqualTo(401);
    }

    @Test
    void givenATimestampMoreThanFiveMinutesOld_whenItArrives_thenItIsRefusedThoughCorrectlySigned() throws Exception {
        receiver.secret(secret);
        long stale = NOW.getEpochSecond() - 5 * 60 - 1;
        long fresh = NOW.getEpochSecond() - 5 * 60;

        int refused = deliver("msg_5", stale, sign(secret, "msg_5", stale, BODY), BODY);
        int accepted = deliver("msg_6", fresh, sign(secret, "msg_6", fresh, BODY), BODY);

        assertThat(refused).isEqualTo(401);
        assertThat(accepted).isEqualTo(204);
        assertThat(logLines()).first().asString().contains("stale timestamp");
    }

    @Test
    void givenTwoSignaturesDuringARotation_whenOneIsMadeWithTheSecretTheReceiverHolds_thenItIsVerified() throws Exception {
        String previous = newSecret();
        receiver.secret(secret);
        long ts = NOW.getEpochSecond();
        String both = sign(previous, "msg_7", ts, BODY) + " " + sign(secret, "msg_7", ts, BODY);

        int status = deliver("msg_7", ts, both, BODY);

        assertThat(status).isEqualTo(204);
    }

    @Test
    void givenNoSecretYet_whenADeliveryArrives_thenItIsAskedToComeBackLater() throws Exception {
        long ts = NOW.getEpochSecond();

        int status = deliver("msg_8", ts, sign(secret, "msg_8", ts, BODY), BODY);

        assertThat(status).isEqualTo(503);
        assertThat(receiver.url()).isEqualTo(URI.create("http://127.0.0.1:" + receiver.url().getPort() + "/hooks/spinestream"));
    }
}
