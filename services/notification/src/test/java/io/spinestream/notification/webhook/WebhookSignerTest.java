package io.spinestream.notification.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our signatures, checked by the Standard Webhooks reference library (com.standardwebhooks, Maven Central). */
class WebhookSignerTest {

    private static final String BODY = "{\"type\":\"io.spinestream.form.fault.v1\",\"timestamp\":\"2026-11-20T10:15:30.46Z\","
            + "\"data\":{\"alertId\":\"a-1\",\"code\":\"ROUNDED_BACK\"}}";

    @Test
    void givenTheSpecificationsExample_whenSigned_thenTheSameSignatureAsTheReferenceLibrary() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long timestamp = 1614265330L;
        String payload = "{\"test\": 2432232314}";

        String ours = WebhookSigner.sign(WebhookSecrets.key(secret), id, timestamp, payload);

        assertThat(ours).isEqualTo(new Webhook(secret).sign(id, timestamp, payload));
        assertThat(ours).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void givenAGeneratedSecret_whenAMessageIsSigned_thenTheReferenceVerifierAcceptsIt() {
        String secret = WebhookSecrets.generate();
        long now = System.currentTimeMillis() / 1000;

        String header = WebhookSigner.header(List.of(secret), "msg_1", now, BODY);

        assertThat(secret).startsWith("whsec_");
        assertThatCode(() -> new Webhook(secret).verify(BODY, headers("msg_1", now, header))).doesNotThrowAnyException();
    }

    @Test
    void givenTwoSecretsDuringARotation_whenSigned_thenEitherSecretVerifies() {
        String oldSecret = WebhookSecrets.generate();
        String newSecret = WebhookSecrets.generate();
        long now = System.currentTimeMillis() / 1000;

        String header = WebhookSigner.header(List.of(newSecret, oldSecret), "msg_2", now, BODY);

        assertThat(header.split(" ")).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        assertThatCode(() -> new Webhook(oldSecret).verify(BODY, headers("msg_2", now, header))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(newSecret).verify(BODY, headers("msg_2", now, header))).doesNotThrowAnyException();
    }

    @Test
    void givenAlteredBodyIdOrForeignSecret_whenVerified_thenRejected() {
        String secret = WebhookSecrets.generate();
        long now = System.currentTimeMillis() / 1000;
        String header = WebhookSigner.header(List.of(secret), "msg_3", now, BODY);

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY.replace("a-1", "a-2"), headers("msg_3", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers("msg_4", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSecrets.generate()).verify(BODY, headers("msg_3", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void givenATimestampOutsideTheTolerance_whenVerified_thenRejectedAsAReplay() {
        String secret = WebhookSecrets.generate();
        long tenMinutesAgo = System.currentTimeMillis() / 1000 - 600;
        String header = WebhookSigner.header(List.of(secret), "msg_5", tenMinutesAgo, BODY);

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers("msg_5", tenMinutesAgo, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
